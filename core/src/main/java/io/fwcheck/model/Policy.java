package io.fwcheck.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy: named address groups and services, the requirements a ruleset must meet, and what the
 * exposure checks of audits look for.
 *
 * @param groups resolved address groups by name, in file order
 * @param services services by name, in file order
 * @param requirements requirements with unique ids, in file order
 * @param source where the policy was read from
 * @param scopes for requirements limited to some rulesets (by audits), their patterns by requirement id
 * @param audit the settings of the exposure checks
 */
public record Policy(Map<String, AddressSet> groups, Map<String, Service> services,
        List<Requirement> requirements, SourceLocation source, Map<String, List<RulesetPattern>> scopes,
        AuditSettings audit) {

    /** A policy whose requirements apply to every ruleset, with the default audit settings. */
    public Policy(Map<String, AddressSet> groups, Map<String, Service> services, List<Requirement> requirements,
            SourceLocation source) {
        this(groups, services, requirements, source, Map.of(), AuditSettings.defaults());
    }

    public Policy {
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        requirements = List.copyOf(requirements);
        Map<String, List<RulesetPattern>> copy = new LinkedHashMap<>();
        scopes.forEach((id, patterns) -> copy.put(id, List.copyOf(patterns)));
        scopes = Collections.unmodifiableMap(copy);
        if (audit == null) {
            throw new IllegalArgumentException("audit settings are required");
        }
    }

    /**
     * True when the requirement applies to the ruleset: it has no {@code rulesets:} scope, or one
     * of its patterns matches the ruleset's name or file.
     */
    public boolean appliesTo(Requirement requirement, Ruleset ruleset) {
        return appliesTo(requirement, ruleset.name(), ruleset.source().file());
    }

    /** Whether the requirement applies to a ruleset of this name read from this file. */
    public boolean appliesTo(Requirement requirement, String name, String file) {
        List<RulesetPattern> patterns = scopes.get(requirement.id());
        return patterns == null || patterns.stream().anyMatch(p -> p.matches(name, file));
    }

    /** This policy with only the requirements that apply to the ruleset. */
    public Policy forRuleset(Ruleset ruleset) {
        List<Requirement> applying = requirements.stream().filter(r -> appliesTo(r, ruleset)).toList();
        return applying.size() == requirements.size() ? this
                : new Policy(groups, services, applying, source, scopes, audit);
    }
}
