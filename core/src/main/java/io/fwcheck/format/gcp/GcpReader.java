package io.fwcheck.format.gcp;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetSelection;
import io.fwcheck.format.cloud.AddressNames;
import io.fwcheck.format.cloud.CloudJson;
import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.json.Json;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Match;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads GCP VPC firewall rules from the JSON of {@code gcloud compute firewall-rules list
 * --format=json} (a list of rules; also the API's {@code {"kind": "compute#firewallList",
 * "items": [...]}} and a single rule) into the rulesets of {@link GcpRulesets}. The hook chooses the
 * direction: INPUT is ingress, OUTPUT egress. Every rule keeps its line:column and JSON path.
 */
public final class GcpReader {

    private static final String EXPECTED = "the JSON output of gcloud compute firewall-rules list --format=json";
    private static final Set<String> RULE = Set.of("name", "network", "direction", "priority", "allowed", "denied",
            "sourceRanges", "destinationRanges", "sourceTags", "targetTags", "sourceServiceAccounts",
            "targetServiceAccounts", "disabled", "description");
    private static final Set<String> RULE_IGNORED = Set.of("id", "kind", "creationTimestamp", "selfLink",
            "selfLinkWithId", "logConfig", "enableLogging");
    private static final Set<String> LIST = Set.of("items");
    private static final Set<String> LIST_IGNORED = Set.of("kind", "id", "selfLink", "nextPageToken", "warning");
    private static final Set<String> ITEM = Set.of("IPProtocol", "ports");

    private final CloudJson json;

    private GcpReader(String fileName) {
        this.json = new CloudJson(fileName);
    }

    /** The enabled rules of a file, in file order. */
    public static List<FirewallRule> parse(String text, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        GcpReader reader = new GcpReader(fileName);
        return CloudJson.guard(fileName, () -> reader.document(reader.json.parse(text, EXPECTED)));
    }

    /** The rulesets of a file for the hook's direction. */
    public static List<RulesetEntry> list(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "GCP firewall rules", fileName);
        return GcpRulesets.entries(parse(text, fileName), direction, Map.of());
    }

    /** Reads the ruleset {@link LoadOptions#ruleset()} selects (see {@link GcpRulesets#compile}). */
    public static Ruleset read(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "GCP firewall rules", fileName);
        List<FirewallRule> rules = parse(text, fileName);
        return GcpRulesets.compile(rules, options.ruleset(), direction, AddressNames.of(options), Map.of(), fileName,
                new SourceLocation(fileName, 1, 1));
    }

    /**
     * Every ruleset of a file, as {@link #list} names them (each network, then its views of
     * instances), each read as {@link #read} reads it when selected by name.
     *
     * @throws InputException when the file holds none
     */
    public static List<Ruleset> readEach(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "GCP firewall rules", fileName);
        List<FirewallRule> rules = parse(text, fileName);
        List<RulesetEntry> entries = GcpRulesets.entries(rules, direction, Map.of());
        RulesetSelection.requireSome(entries, fileName, "firewall rule");
        AddressNames names = AddressNames.of(options);
        return entries.stream().map(e -> GcpRulesets.compile(rules, Optional.of(e.name()), direction, names, Map.of(),
                fileName, new SourceLocation(fileName, 1, 1))).toList();
    }

    private List<FirewallRule> document(Json root) {
        List<Json> items;
        if (root instanceof Json.Obj obj && obj.get("items").isPresent()) {
            items = json.list(json.object(obj, "a firewall rule list", LIST, LIST_IGNORED).get("items").get(), "'items'");
        } else if (root instanceof Json.Obj) {
            items = List.of(root);
        } else {
            items = json.list(root, "the document");
        }
        List<FirewallRule> out = new ArrayList<>();
        Map<String, Json> names = new HashMap<>();
        for (Json item : items) {
            Json.Obj r = json.object(item, "a firewall rule", RULE, RULE_IGNORED);
            String name = json.requireString(r, "name", "a firewall rule");
            Json first = names.putIfAbsent(name, r);
            if (first != null) {
                throw json.error(r, "firewall rule '" + name + "' is listed twice (first at line "
                        + first.where().line() + ")", "each rule once");
            }
            if (!json.optBool(r, "disabled", "a firewall rule", false)) {
                out.add(rule(r, name));
            }
        }
        return out;
    }

    private FirewallRule rule(Json.Obj r, String name) {
        String network = network(json.requireString(r, "network", "a firewall rule"));
        String dir = json.optString(r, "direction", "a firewall rule").orElse("INGRESS");
        Direction direction = switch (dir) {
            case "INGRESS" -> Direction.INGRESS;
            case "EGRESS" -> Direction.EGRESS;
            default -> throw json.error(r.get("direction").get(), "unknown direction '" + dir + "'", "INGRESS or EGRESS");
        };
        int priority = json.optInteger(r, "priority", "a firewall rule", 0, 65535).orElse(1000L).intValue();
        boolean allowed = r.get("allowed").isPresent();
        boolean denied = r.get("denied").isPresent();
        if (allowed == denied) {
            throw json.error(r, "firewall rule '" + name + "' has " + (allowed ? "both 'allowed' and 'denied'"
                    : "neither 'allowed' nor 'denied'"), "exactly one of them");
        }
        String key = allowed ? "allowed" : "denied";
        List<Match> services = new ArrayList<>();
        for (Json item : json.list(r.get(key).get(), "'" + key + "'")) {
            Json.Obj o = json.object(item, "an item of '" + key + "'", ITEM, Set.of());
            Json protocol = json.require(o, "IPProtocol", "an item of '" + key + "'");
            String text = protocol instanceof Json.Num n ? n.value().toString() : json.string(protocol, "'IPProtocol'");
            List<String> ports = json.list(o, "ports", "an item").stream().map(p -> json.string(p, "a port")).toList();
            try {
                services.add(GcpProtocol.parse(text, ports));
            } catch (IllegalArgumentException e) {
                throw json.invalid(o.get("ports").filter(p -> e.getMessage().contains("port")).orElse(protocol), e);
            }
        }
        String description = json.optString(r, "description", "a firewall rule").orElse("");
        String path = r.where().path();
        String comment = description.isEmpty() ? path : description + " (" + path + ")";
        return new FirewallRule(name, network, direction, Optional.of(priority), denied, services,
                ranges(r, "sourceRanges"), ranges(r, "destinationRanges"), strings(r, "sourceTags"),
                strings(r, "sourceServiceAccounts"), strings(r, "targetTags"), strings(r, "targetServiceAccounts"),
                comment, json.source().at(r), List.of());
    }

    /** The short name of a network: the last part of {@code …/global/networks/NAME}. */
    public static String network(String value) {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    private Optional<AddressSet> ranges(Json.Obj r, String key) {
        List<Json> items = json.list(r, key, "a firewall rule");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<AddressRange> out = new ArrayList<>();
        for (Json item : items) {
            String text = json.string(item, "an item of '" + key + "'");
            try {
                out.add(AddressSpecs.parse(text));
            } catch (IllegalArgumentException e) {
                throw json.invalid(item, e);
            }
        }
        return Optional.of(AddressSet.of(out));
    }

    private List<String> strings(Json.Obj r, String key) {
        return json.list(r, key, "a firewall rule").stream().map(v -> json.string(v, "an item of '" + key + "'")).toList();
    }
}
