package io.fwcheck.format.yaml;

import io.fwcheck.format.InputException;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a policy in fwcheck's YAML policy format (docs/policy-format.md): named address groups,
 * named services and must-allow, must-deny and only-allow requirements. Any problem is an
 * {@link InputException} at the offending node's line:column; nothing is guessed or ignored.
 */
public final class YamlPolicyReader {

    private static final List<String> KEYS = List.of("version", "groups", "services", "requirements");
    private static final List<String> REQUIREMENT_KEYS =
            List.of("id", "description", "severity", "must-allow", "must-deny", "only-allow");
    private static final List<String> KINDS = List.of("must-allow", "must-deny", "only-allow");
    private static final List<String> MUST_KEYS = List.of("from", "to", "service");
    private static final List<String> ONLY_KEYS = List.of("to", "allow");
    private static final List<String> ALLOWANCE_KEYS = List.of("from", "service");
    private static final Map<String, Severity> SEVERITIES = severities();
    private static final String EXPECTED_REQUIREMENT =
            "a mapping with id, optional description and severity, and one of must-allow, must-deny, only-allow";

    private final YamlSource source;
    private AddressBook groups;
    private ServiceBook services;

    private YamlPolicyReader(YamlSource source) {
        this.source = source;
    }

    /** Reads a policy file; the file's path as given names it in locations. */
    public static Policy read(Path file) {
        Objects.requireNonNull(file, "file");
        String fileName = file.toString();
        return Documents.guard(fileName, () -> read(YamlLoader.readFile(file), fileName));
    }

    /** Reads a policy from its text; {@code fileName} names it in locations. */
    public static Policy read(String text, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        return Documents.guard(fileName, () -> new YamlPolicyReader(new YamlSource(fileName)).policy(text));
    }

    private Policy policy(String text) {
        YamlMap root = Documents.root(source, text, "policy", KEYS);
        Documents.version(source, root, true);
        groups = AddressBook.read(source, root.get("groups"));
        services = ServiceBook.read(source, root.get("services"));
        Node list = root.require("requirements", "requirements: a list of requirements");
        List<Node> items = source.list(list, "'requirements'", "a list of requirements");
        if (items.isEmpty()) {
            throw source.error(list, "the policy has no requirements", "at least one requirement");
        }
        List<Requirement> requirements = new ArrayList<>();
        Map<String, Node> ids = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            requirements.add(requirement(items.get(i), i + 1, ids));
        }
        return new Policy(groups.groups(), services.services(), requirements,
                new SourceLocation(source.fileName(), 0, 0));
    }

    private Requirement requirement(Node item, int position, Map<String, Node> ids) {
        String role = Documents.peek(item, "id").map(id -> "requirement '" + id + "'")
                .orElse("requirement " + position);
        YamlMap map = source.map(item, role, EXPECTED_REQUIREMENT, REQUIREMENT_KEYS);
        Node idNode = map.require("id", "id: a unique name such as app-to-db");
        String id = Names.id(source, idNode, source.text(idNode, "'id'", "a name such as app-to-db"), "requirement id");
        Node first = ids.putIfAbsent(id, idNode);
        if (first != null) {
            throw source.error(idNode, "duplicate requirement id '" + id + "' (first at line "
                    + YamlSource.line(first) + ")", "a unique id");
        }
        String description = map.text("description", "a one-line description").orElse("");
        Severity severity = map.get("severity")
                .map(node -> source.choice(node, "'severity'", "severity", SEVERITIES))
                .orElse(Severity.ERROR);
        List<String> kinds = map.entries().keySet().stream().filter(KINDS::contains).toList();
        if (kinds.isEmpty()) {
            throw source.error(item, role + " has no must-allow, must-deny or only-allow",
                    "exactly one of must-allow, must-deny, only-allow");
        }
        if (kinds.size() > 1) {
            throw source.error(map.keyNode(kinds.get(1)), role + " has both " + kinds.get(0) + " and " + kinds.get(1),
                    "exactly one of must-allow, must-deny, only-allow; write two requirements");
        }
        String kind = kinds.get(0);
        Node body = map.require(kind, kind);
        SourceLocation location = source.at(item);
        return switch (kind) {
            case "must-allow" -> {
                YamlMap m = source.map(body, "'must-allow' of " + role, "{from: ..., to: ..., service: ...}", MUST_KEYS);
                yield new Requirement.MustAllow(id, description, severity, location, endpoint(m, "from"),
                        endpoint(m, "to"), services.service(m.require("service", "service: a service name or spec"),
                                "'service'"));
            }
            case "must-deny" -> {
                YamlMap m = source.map(body, "'must-deny' of " + role, "{from: ..., to: ..., service: ...}", MUST_KEYS);
                Service service = m.get("service").map(node -> services.service(node, "'service'")).orElse(Service.ANY);
                yield new Requirement.MustDeny(id, description, severity, location, endpoint(m, "from"),
                        endpoint(m, "to"), service);
            }
            default -> onlyAllow(id, description, severity, location, body, role);
        };
    }

    private Requirement onlyAllow(String id, String description, Severity severity, SourceLocation location, Node body,
            String role) {
        YamlMap m = source.map(body, "'only-allow' of " + role, "{to: ..., allow: [...]}", ONLY_KEYS);
        Endpoint to = endpoint(m, "to");
        Node allowNode = m.require("allow", "allow: a list of {from, service}, or [] to allow nothing");
        List<Requirement.Allowance> allow = new ArrayList<>();
        for (Node item : source.list(allowNode, "'allow'", "a list of {from, service}, or [] to allow nothing")) {
            YamlMap a = source.map(item, "an allowance of " + role, "{from: ..., service: ...}", ALLOWANCE_KEYS);
            Endpoint from = endpoint(a, "from");
            Service service = a.get("service").map(node -> services.service(node, "'service'")).orElse(Service.ANY);
            allow.add(new Requirement.Allowance(from, service));
        }
        return new Requirement.OnlyAllow(id, description, severity, location, to, allow);
    }

    private Endpoint endpoint(YamlMap map, String key) {
        return groups.endpoint(map.require(key, key + ": " + AddressBook.EXPECTED_ADDRESSES), "'" + key + "'");
    }

    private static Map<String, Severity> severities() {
        Map<String, Severity> out = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            out.put(s.label(), s);
        }
        return out;
    }
}
