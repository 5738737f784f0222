package io.fwcheck;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.ServiceSpecs;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Service;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The address groups and services a builder has defined, and how the builders resolve what users
 * write: a group name or address items, a service name or a service spec. Errors are
 * {@link IllegalArgumentException}s that start with the caller's file:line.
 */
final class Names {

    private static final String EXPECTED_ADDRESS = "an address, a CIDR block without host bits, a range, a group name or any";
    private static final String EXPECTED_SERVICE = "a service spec such as tcp/5432";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

    private final Map<String, AddressSet> groups = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();

    Map<String, AddressSet> groups() {
        return groups;
    }

    Map<String, Service> services() {
        return services;
    }

    /** Defines a group as the union of items (addresses, CIDR blocks, ranges, {@code any}, earlier groups). */
    void defineGroup(String name, List<String> include, List<String> exclude, SourceLocation at) {
        checkNew("group", name, groups, at);
        AddressSet set = addresses(include, "group '" + name + "'", at);
        if (!exclude.isEmpty()) {
            set = set.minus(addresses(exclude, "group '" + name + "'", at));
        }
        if (set.isEmpty()) {
            throw error(at, "group '" + name + "' has no address left", "a group with at least one address");
        }
        groups.put(name, set);
    }

    /** Defines a service as the union of specs such as {@code tcp/5432}. */
    void defineService(String name, List<String> specs, SourceLocation at) {
        checkNew("service", name, services, at);
        if (ServiceSpecs.looksLikeSpec(name)) {
            throw error(at, "service name '" + name + "' reads as a service spec", "a name such as postgres");
        }
        if (specs.isEmpty()) {
            throw error(at, "service '" + name + "' has no spec", "specs such as tcp/5432 or udp/53");
        }
        List<Service.Part> parts = new ArrayList<>();
        for (String spec : specs) {
            parts.add(parse(() -> ServiceSpecs.parsePart(spec), "service '" + name + "'", EXPECTED_SERVICE, at));
        }
        services.put(name, new Service(name, parts));
    }

    /**
     * The addresses of items: {@code any}, group names, addresses, CIDR blocks and ranges.
     *
     * @param what what the items are for, for messages
     */
    AddressSet addresses(List<String> items, String what, SourceLocation at) {
        if (items.isEmpty()) {
            throw error(at, "no address for " + what, "addresses, CIDR blocks, ranges, group names or any");
        }
        AddressSet set = AddressSet.empty();
        for (String item : items) {
            if (item == null) {
                throw error(at, "null address for " + what, "an address, CIDR block, range, group name or any");
            }
            if (item.equalsIgnoreCase("any")) {
                set = AddressSet.all();
            } else if (groups.containsKey(item)) {
                set = set.union(groups.get(item));
            } else if (NAME.matcher(item).matches() && Character.isLetter(item.charAt(0)) && !item.contains(".")) {
                throw error(at, "unknown group '" + item + "' in " + what,
                        "a group defined before with group(...)" + known(groups) + ", or " + EXPECTED_ADDRESS);
            } else {
                AddressRange range = parse(() -> AddressSpecs.parse(item), what, EXPECTED_ADDRESS, at);
                set = set.union(AddressSet.of(range));
            }
        }
        return set;
    }

    /** A service by name, or an inline spec such as {@code tcp/5432} named by its text. */
    Service service(String nameOrSpec, String what, SourceLocation at) {
        if (nameOrSpec == null || nameOrSpec.isBlank()) {
            throw error(at, "no service for " + what, "a service name or a spec such as tcp/5432");
        }
        Service named = services.get(nameOrSpec);
        if (named != null) {
            return named;
        }
        if (nameOrSpec.equalsIgnoreCase(ServiceSpecs.ANY)) {
            return Service.ANY;
        }
        if (!ServiceSpecs.looksLikeSpec(nameOrSpec)) {
            throw error(at, "unknown service '" + nameOrSpec + "' in " + what,
                    "a service defined before with service(...)" + known(services) + ", or a spec such as tcp/5432");
        }
        return parse(() -> ServiceSpecs.parse(nameOrSpec), what, EXPECTED_SERVICE, at);
    }

    private static void checkNew(String kind, String name, Map<String, ?> defined, SourceLocation at) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw error(at, kind + " name '" + name + "' is not valid",
                    "a letter or _, then letters, digits, _, . or -, at most 128 characters");
        }
        if (name.equalsIgnoreCase("any")) {
            throw error(at, "'any' cannot name a " + kind, "another name");
        }
        if (defined.containsKey(name)) {
            throw error(at, kind + " '" + name + "' is defined twice", "a unique " + kind + " name");
        }
    }

    private static String known(Map<String, ?> defined) {
        return defined.isEmpty() ? "" : " (" + String.join(", ", defined.keySet()) + ")";
    }

    /**
     * Runs a spec parser; its message gets the location and the place in the builder, and what
     * was expected when it does not say.
     */
    static <T> T parse(Supplier<T> parser, String what, String expected, SourceLocation at) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(at + ": " + what + ": " + message
                    + (message.contains("(expected ") ? "" : " (expected " + expected + ")"), e);
        }
    }

    /** {@code FirewallTest.java:42:1: problem (expected …)}. */
    static IllegalArgumentException error(SourceLocation at, String problem, String expected) {
        return new IllegalArgumentException(at + ": " + problem + " (expected " + expected + ")");
    }
}
