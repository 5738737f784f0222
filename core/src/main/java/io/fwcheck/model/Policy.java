package io.fwcheck.model;

import java.util.List;
import java.util.Map;

/**
 * A policy: named address groups and services, and the requirements a ruleset must meet.
 *
 * @param groups resolved address groups by name, in file order
 * @param services services by name, in file order
 * @param requirements requirements with unique ids, in file order
 * @param source where the policy was read from
 */
public record Policy(Map<String, AddressSet> groups, Map<String, Service> services,
        List<Requirement> requirements, SourceLocation source) {

    public Policy {
        groups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        requirements = List.copyOf(requirements);
    }
}
