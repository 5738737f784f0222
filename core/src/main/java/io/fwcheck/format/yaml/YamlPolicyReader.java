package io.fwcheck.format.yaml;

import io.fwcheck.format.InputException;
import io.fwcheck.model.AuditSettings;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.RulesetPattern;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a policy in fwcheck's YAML policy format (docs/policy-format.md): named address groups,
 * named services and must-allow, must-deny and only-allow requirements. Any problem is an
 * {@link InputException} at the offending node's line:column; nothing is guessed or ignored.
 */
public final class YamlPolicyReader {

    private static final List<String> KEYS = List.of("version", "groups", "services", "requirements", "audit");
    private static final List<String> REQUIREMENT_KEYS =
            List.of("id", "description", "severity", "rulesets", "must-allow", "must-deny", "only-allow");
    private static final List<String> AUDIT_KEYS =
            List.of("internet", "admin-ports", "database-ports", "broad-range", "internal-only", "families");
    private static final String EXPECTED_FAMILIES = "ipv4, ipv6, or a list of them such as [ipv4]";
    private static final List<String> BROAD_KEYS = List.of("ipv4", "ipv6");
    private static final List<String> INTERNAL_KEYS = List.of("group", "rulesets");
    private static final String EXPECTED_INTERNAL = "a list of group names, or of {group: NAME, rulesets: [patterns]}";
    private static final String EXPECTED_PATTERNS = "a ruleset name or path pattern such as web-* or dmz/*.rules,"
            + " or a list of those";
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
        AuditSettings audit = audit(root.get("audit"));
        List<Requirement> requirements = new ArrayList<>();
        Map<String, List<RulesetPattern>> scopes = new LinkedHashMap<>();
        Optional<Node> list = root.has("audit") ? root.get("requirements")
                : Optional.of(root.require("requirements", "requirements: a list of requirements"));
        if (list.isPresent()) {
            List<Node> items = source.list(list.get(), "'requirements'", "a list of requirements");
            if (items.isEmpty() && !root.has("audit")) {
                throw source.error(list.get(), "the policy has no requirements", "at least one requirement");
            }
            Map<String, Node> ids = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                requirements.add(requirement(items.get(i), i + 1, ids, scopes));
            }
        }
        return new Policy(groups.groups(), services.services(), requirements,
                new SourceLocation(source.fileName(), 0, 0), scopes, audit);
    }

    /**
     * What the exposure checks look for: the defaults, the group {@code internet} as the internet
     * when the policy has one, and over them each key of the {@code audit:} section.
     */
    private AuditSettings audit(Optional<Node> section) {
        AuditSettings settings = AuditSettings.defaults();
        if (groups.groups().containsKey("internet")) {
            settings = settings.withInternet(new Endpoint("internet", groups.groups().get("internet")));
        }
        if (section.isEmpty()) {
            return settings;
        }
        YamlMap map = source.map(section.get(), "'audit'", "a mapping with " + String.join(", ", AUDIT_KEYS),
                AUDIT_KEYS);
        Optional<Node> internet = map.get("internet");
        if (internet.isPresent()) {
            settings = settings.withInternet(groups.set(internet.get(), "'internet'", "internet"));
        }
        Optional<Node> admin = map.get("admin-ports");
        if (admin.isPresent()) {
            settings = settings.withAdminPorts(named(services.service(admin.get(), "'admin-ports'"), "admin ports"));
        }
        Optional<Node> databases = map.get("database-ports");
        if (databases.isPresent()) {
            settings = settings.withDatabasePorts(named(services.service(databases.get(), "'database-ports'"),
                    "database ports"));
        }
        Optional<Node> broad = map.get("broad-range");
        if (broad.isPresent()) {
            YamlMap b = source.map(broad.get(), "'broad-range'", "{ipv4: 16, ipv6: 48}: the prefix lengths from"
                    + " which a source range is broad", BROAD_KEYS);
            int ipv4 = b.get("ipv4").map(n -> prefixLength(n, "ipv4", 32)).orElse(settings.broadIpv4Prefix());
            int ipv6 = b.get("ipv6").map(n -> prefixLength(n, "ipv6", 128)).orElse(settings.broadIpv6Prefix());
            settings = settings.withBroadPrefixes(ipv4, ipv6);
        }
        Optional<Node> internal = map.get("internal-only");
        if (internal.isPresent()) {
            List<AuditSettings.InternalOnly> groupsOnly = new ArrayList<>();
            for (Node item : source.listOrSingle(internal.get(), "'internal-only'", EXPECTED_INTERNAL)) {
                groupsOnly.add(internalOnly(item));
            }
            settings = settings.withInternalOnly(groupsOnly);
        }
        Optional<Node> families = map.get("families");
        if (families.isPresent()) {
            settings = settings.withFamilies(families(families.get()));
        }
        return settings;
    }

    /** The address families the exposure checks look at: {@code ipv4}, {@code ipv6} or both. */
    private Set<IpFamily> families(Node node) {
        List<Node> items = source.listOrSingle(node, "'families'", EXPECTED_FAMILIES);
        if (items.isEmpty()) {
            throw source.error(node, "'families' is an empty list", EXPECTED_FAMILIES);
        }
        Set<IpFamily> out = EnumSet.noneOf(IpFamily.class);
        for (Node item : items) {
            String text = source.text(item, "an item of 'families'", EXPECTED_FAMILIES);
            IpFamily family = switch (text) {
                case "ipv4" -> IpFamily.IPV4;
                case "ipv6" -> IpFamily.IPV6;
                default -> throw source.error(item, "'" + text + "' is not an address family", EXPECTED_FAMILIES);
            };
            if (!out.add(family)) {
                throw source.error(item, "'" + text + "' is named twice in 'families'", EXPECTED_FAMILIES);
            }
        }
        return out;
    }

    /** A group name, or {@code {group: NAME, rulesets: [patterns]}}. */
    private AuditSettings.InternalOnly internalOnly(Node item) {
        Node nameNode = item;
        List<RulesetPattern> patterns = List.of();
        if (item instanceof org.yaml.snakeyaml.nodes.MappingNode) {
            YamlMap m = source.map(item, "an item of 'internal-only'", EXPECTED_INTERNAL, INTERNAL_KEYS);
            nameNode = m.require("group", "group: the name of a group of the policy");
            patterns = m.get("rulesets").map(this::patterns).orElse(List.of());
        }
        String name = source.text(nameNode, "an item of 'internal-only'", EXPECTED_INTERNAL);
        if (!groups.groups().containsKey(name)) {
            throw source.error(nameNode, "'" + name + "' in 'internal-only' is not a group of the policy"
                    + Suggestions.didYouMean(name, groups.groups().keySet()),
                    groups.groups().isEmpty() ? "a group defined under groups:"
                            : "one of the groups " + String.join(", ", groups.groups().keySet()));
        }
        return new AuditSettings.InternalOnly(new Endpoint(name, groups.groups().get(name)), patterns);
    }

    private int prefixLength(Node node, String key, int max) {
        String expected = "a prefix length 0-" + max + " without leading zeros, e.g. " + (max == 32 ? "16" : "48");
        String text = source.text(node, "'" + key + "'", expected);
        if (!text.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(text) > max) {
            throw source.error(node, "'" + text + "' is not an " + key + " prefix length", expected);
        }
        return Integer.parseInt(text);
    }

    private static Service named(Service service, String name) {
        return new Service(name, service.parts());
    }

    /** The patterns of a requirement's {@code rulesets:} key. */
    private List<RulesetPattern> patterns(Node node) {
        List<Node> items = source.listOrSingle(node, "'rulesets'", EXPECTED_PATTERNS);
        if (items.isEmpty()) {
            throw source.error(node, "'rulesets' is an empty list", EXPECTED_PATTERNS);
        }
        List<RulesetPattern> out = new ArrayList<>();
        for (Node item : items) {
            String glob = source.text(item, "an item of 'rulesets'", EXPECTED_PATTERNS);
            if (glob.isBlank() || glob.chars().anyMatch(Character::isISOControl)) {
                throw source.error(item, "'" + glob + "' is not a ruleset pattern", EXPECTED_PATTERNS);
            }
            out.add(new RulesetPattern(glob, source.at(item)));
        }
        return out;
    }

    private Requirement requirement(Node item, int position, Map<String, Node> ids,
            Map<String, List<RulesetPattern>> scopes) {
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
        map.get("rulesets").ifPresent(node -> scopes.put(id, patterns(node)));
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
