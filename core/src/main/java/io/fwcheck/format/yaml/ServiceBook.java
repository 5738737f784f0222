package io.fwcheck.format.yaml;

import io.fwcheck.format.ServiceSpecs;
import io.fwcheck.model.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The named services of one file ({@code postgres: tcp/5432}) and the resolution of service
 * expressions against them: a service name, an inline spec, or a list of those.
 */
final class ServiceBook {

    static final String EXPECTED_SPEC = "a service spec such as tcp/5432, udp/53, tcp/8000-8080, tcp/22,80,443,"
            + " icmp/8, icmp/8/0, tcp or any, or a list of those";
    static final String EXPECTED_SERVICE = "a service name, " + EXPECTED_SPEC;
    private static final List<String> PROTOCOL_WORDS =
            List.of("tcp", "udp", "icmp", "icmpv6", "sctp", "dccp", "udplite", "gre", "esp", "ah", "igmp", "any");

    private final YamlSource source;
    private final Map<String, Service> services;

    private ServiceBook(YamlSource source, Map<String, Service> services) {
        this.source = source;
        this.services = Collections.unmodifiableMap(services);
    }

    /** Reads the services mapping, if any. */
    static ServiceBook read(YamlSource source, Optional<Node> node) {
        Map<String, NodeTuple> definitions = node
                .map(n -> source.map(n, "'services'", "a mapping of service names to specs like tcp/5432", null)
                        .entries())
                .orElse(Map.of());
        Map<String, Service> services = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> entry : definitions.entrySet()) {
            String name = entry.getKey();
            if (!Names.isReference(name) || ServiceSpecs.looksLikeSpec(name)) {
                throw source.error(entry.getValue().getKeyNode(), "'" + name + "' is not a valid service name"
                                + (ServiceSpecs.looksLikeSpec(name) ? " (it already means a protocol or any)" : ""),
                        "a name of " + Names.REFERENCE_RULE + " that is not a protocol, e.g. postgres");
            }
        }
        for (Map.Entry<String, NodeTuple> entry : definitions.entrySet()) {
            String name = entry.getKey();
            String role = "service '" + name + "'";
            List<Node> items = source.listOrSingle(entry.getValue().getValueNode(), role, EXPECTED_SPEC);
            if (items.isEmpty()) {
                throw source.error(entry.getValue().getValueNode(), role + " is an empty list", EXPECTED_SPEC);
            }
            List<Service.Part> parts = new ArrayList<>();
            for (Node item : items) {
                String text = source.itemText(item, role, EXPECTED_SPEC);
                if (definitions.containsKey(text)) {
                    throw source.error(item, role + " refers to the service '" + text
                            + "'; service definitions list protocols and ports only", EXPECTED_SPEC);
                }
                parts.add(part(source, item, text));
            }
            services.put(name, new Service(name, parts));
        }
        return new ServiceBook(source, services);
    }

    /** The services in file order. */
    Map<String, Service> services() {
        return services;
    }

    /**
     * A service written where it is used: a service name, an inline spec (named by its text), or a
     * list of those (named {@code [a, b]}).
     */
    Service service(Node node, String role) {
        List<Node> items = source.listOrSingle(node, role, EXPECTED_SERVICE);
        if (items.isEmpty()) {
            throw source.error(node, role + " is an empty list", EXPECTED_SERVICE);
        }
        List<String> texts = new ArrayList<>();
        List<Service.Part> parts = new ArrayList<>();
        Service single = null;
        for (Node item : items) {
            String text = source.itemText(item, role, EXPECTED_SERVICE);
            texts.add(text);
            single = one(item, text);
            parts.addAll(single.parts());
        }
        return items.size() == 1 ? single : new Service("[" + String.join(", ", texts) + "]", parts);
    }

    private Service one(Node node, String text) {
        if (text.equalsIgnoreCase(ServiceSpecs.ANY)) {
            return Service.ANY;
        }
        if (ServiceSpecs.looksLikeSpec(text)) {
            return new Service(text, List.of(part(source, node, text)));
        }
        Service named = services.get(text);
        if (named != null) {
            return named;
        }
        List<String> candidates = new ArrayList<>(services.keySet());
        candidates.addAll(PROTOCOL_WORDS);
        String known = services.isEmpty() ? "a service spec" : "one of the services " + Suggestions.list(services.keySet())
                + ", or a service spec";
        throw source.error(node, "undefined service '" + text + "'" + Suggestions.didYouMean(text, candidates),
                known + " such as tcp/5432, udp/53, icmp/8, tcp or any");
    }

    private static Service.Part part(YamlSource source, Node node, String text) {
        try {
            return ServiceSpecs.parsePart(text);
        } catch (IllegalArgumentException e) {
            throw source.invalid(node, e);
        }
    }
}
