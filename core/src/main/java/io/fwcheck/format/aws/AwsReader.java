package io.fwcheck.format.aws;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetSelection;
import io.fwcheck.format.cloud.AddressNames;
import io.fwcheck.format.cloud.CloudJson;
import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.json.Json;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads AWS security groups and network ACLs (docs/formats-cloud.md) from the JSON of
 * {@code aws ec2 describe-security-groups} ({@code {"SecurityGroups": [...]}}, or one group object),
 * {@code aws ec2 describe-security-group-rules} ({@code {"SecurityGroupRules": [...]}}) and
 * {@code aws ec2 describe-network-acls} ({@code {"NetworkAcls": [...]}}). Each group and each ACL is
 * a ruleset of the file, selected by id (or a group's unique name) with {@link LoadOptions#ruleset()};
 * several groups separated by commas apply together, as on one network interface. The hook chooses
 * the direction: INPUT is ingress, OUTPUT egress. Every rule keeps its line:column and its JSON path
 * ({@code SecurityGroups[2].IpPermissions[0].IpRanges[1]}).
 */
public final class AwsReader {

    private static final String EXPECTED = "the JSON output of aws ec2 describe-security-groups,"
            + " describe-security-group-rules or describe-network-acls";

    private static final Set<String> TOP = Set.of("SecurityGroups", "SecurityGroupRules", "NetworkAcls");
    private static final Set<String> TOP_IGNORED = Set.of("NextToken", "ResponseMetadata");
    private static final Set<String> GROUP = Set.of("GroupId", "GroupName", "IpPermissions", "IpPermissionsEgress");
    private static final Set<String> GROUP_IGNORED = Set.of("Description", "OwnerId", "VpcId", "Tags", "SecurityGroupArn");
    private static final Set<String> PERMISSION = Set.of("IpProtocol", "FromPort", "ToPort", "IpRanges", "Ipv6Ranges",
            "PrefixListIds", "UserIdGroupPairs");
    private static final Set<String> DESCRIPTION = Set.of("Description");
    private static final Set<String> PAIR = Set.of("GroupId", "GroupName");
    private static final Set<String> PAIR_IGNORED = Set.of("UserId", "VpcId", "VpcPeeringConnectionId", "PeeringStatus",
            "Description");
    private static final Set<String> RULE = Set.of("GroupId", "IsEgress", "IpProtocol", "FromPort", "ToPort", "CidrIpv4",
            "CidrIpv6", "PrefixListId", "ReferencedGroupInfo");
    private static final Set<String> RULE_IGNORED = Set.of("SecurityGroupRuleId", "GroupOwnerId", "Description", "Tags",
            "SecurityGroupRuleArn");
    private static final Set<String> REFERENCED = Set.of("GroupId");
    private static final Set<String> REFERENCED_IGNORED = Set.of("UserId", "VpcId", "VpcPeeringConnectionId",
            "PeeringStatus");
    private static final Set<String> ACL = Set.of("NetworkAclId", "Entries");
    private static final Set<String> ACL_IGNORED = Set.of("Associations", "IsDefault", "Tags", "VpcId", "OwnerId");
    private static final Set<String> ENTRY = Set.of("RuleNumber", "Egress", "RuleAction", "Protocol", "CidrBlock",
            "Ipv6CidrBlock", "PortRange", "IcmpTypeCode");
    private static final Set<String> PORT_RANGE = Set.of("From", "To");
    private static final Set<String> ICMP_TYPE_CODE = Set.of("Type", "Code");

    private final CloudJson json;
    private final List<SecurityGroup> groups = new ArrayList<>();
    private final List<NetworkAcl> acls = new ArrayList<>();

    private AwsReader(String fileName) {
        this.json = new CloudJson(fileName);
    }

    /** What an AWS file holds: security groups and network ACLs, in file order. */
    public record Contents(List<SecurityGroup> groups, List<NetworkAcl> acls) {
        public Contents {
            groups = List.copyOf(groups);
            acls = List.copyOf(acls);
        }
    }

    /**
     * Reads the groups and ACLs of a file.
     *
     * @throws InputException for input that is not such a listing, at the value's line:column
     */
    public static Contents parse(String text, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        AwsReader reader = new AwsReader(fileName);
        return CloudJson.guard(fileName, () -> {
            reader.document(reader.json.parse(text, EXPECTED));
            return new Contents(reader.groups, reader.acls);
        });
    }

    /** The rulesets of a file: each group, then each ACL, for the hook's direction. */
    public static List<RulesetEntry> list(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "AWS security groups", fileName);
        return entries(parse(text, fileName), direction);
    }

    /**
     * Reads the ruleset {@link LoadOptions#ruleset()} selects (the only one when the file holds
     * one) for the hook's direction.
     */
    public static Ruleset read(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "AWS security groups", fileName);
        Contents contents = parse(text, fileName);
        List<RulesetEntry> entries = entries(contents, direction);
        List<Integer> chosen = CloudRules.select(entries, options.ruleset(), fileName, "security group or network ACL",
                true);
        int groupCount = contents.groups().size();
        if (chosen.size() == 1 && chosen.get(0) >= groupCount) {
            return contents.acls().get(chosen.get(0) - groupCount).ruleset(direction);
        }
        if (chosen.stream().anyMatch(i -> i >= groupCount)) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "'" + options.ruleset().orElse("")
                    + "' combines a network ACL with other rulesets", "security groups only, or one network ACL");
        }
        List<SecurityGroup> selected = chosen.stream().map(contents.groups()::get).toList();
        return SgCompiler.compile(selected, direction, AddressNames.of(options));
    }

    /**
     * Every security group, then every network ACL, of a file (as {@link #list} names them) for the
     * hook's direction, each on its own.
     *
     * @throws InputException when the file holds none
     */
    public static List<Ruleset> readEach(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "AWS security groups", fileName);
        Contents contents = parse(text, fileName);
        RulesetSelection.requireSome(entries(contents, direction), fileName, "security group or network ACL");
        AddressNames names = AddressNames.of(options);
        List<Ruleset> out = new ArrayList<>();
        for (SecurityGroup g : contents.groups()) {
            out.add(SgCompiler.compile(List.of(g), direction, names));
        }
        for (NetworkAcl a : contents.acls()) {
            out.add(a.ruleset(direction));
        }
        return out;
    }

    /** The entries of security groups (by id, with their unique names as aliases) and network ACLs. */
    public static List<RulesetEntry> entries(Contents contents, Direction direction) {
        Map<String, Integer> nameCount = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (SecurityGroup g : contents.groups()) {
            g.name().ifPresent(n -> nameCount.merge(n, 1, Integer::sum));
            ids.add(g.id());
        }
        List<RulesetEntry> out = new ArrayList<>();
        for (SecurityGroup g : contents.groups()) {
            List<String> aliases = g.name().filter(n -> nameCount.get(n) == 1 && !ids.contains(n)).map(List::of)
                    .orElse(List.of());
            int rules = (int) g.rules().stream().filter(r -> r.direction() == direction).count();
            out.add(new RulesetEntry(g.id(), aliases, "AWS security group, " + direction.label(), rules, g.location()));
        }
        for (NetworkAcl a : contents.acls()) {
            out.add(new RulesetEntry(a.id(), List.of(), "AWS network ACL, " + direction.label(), a.of(direction).size(),
                    a.location()));
        }
        return out;
    }

    // ---- the document

    private void document(Json root) {
        if (root instanceof Json.Arr items) {
            for (Json item : items.items()) {
                groups.add(group(json.object(item, "a security group", GROUP, GROUP_IGNORED)));
            }
            return;
        }
        Json.Obj top = json.source().object(root, "the document");
        if (top.get("GroupId").isPresent() || top.get("IpPermissions").isPresent()) {
            groups.add(group(json.object(top, "a security group", GROUP, GROUP_IGNORED)));
            return;
        }
        json.object(top, "the document", TOP, TOP_IGNORED);
        if (TOP.stream().noneMatch(k -> top.get(k).isPresent())) {
            throw json.error(root, "no 'SecurityGroups', 'SecurityGroupRules' or 'NetworkAcls'", EXPECTED);
        }
        for (Json item : json.list(top, "SecurityGroups", "the document")) {
            groups.add(group(json.object(item, "a security group", GROUP, GROUP_IGNORED)));
        }
        groupRules(json.list(top, "SecurityGroupRules", "the document"));
        for (Json item : json.list(top, "NetworkAcls", "the document")) {
            acls.add(acl(json.object(item, "a network ACL", ACL, ACL_IGNORED)));
        }
        Set<String> seen = new HashSet<>();
        for (SecurityGroup g : groups) {
            if (!seen.add(g.id())) {
                throw new InputException(g.location(), "security group " + g.id() + " is listed twice", "each group once");
            }
        }
        for (NetworkAcl a : acls) {
            if (!seen.add(a.id())) {
                throw new InputException(a.location(), "network ACL " + a.id() + " is listed twice", "each ACL once");
            }
        }
    }

    // ---- describe-security-groups

    private SecurityGroup group(Json.Obj g) {
        Optional<String> name = json.optString(g, "GroupName", "a security group");
        Optional<String> id = json.optString(g, "GroupId", "a security group");
        if (id.isEmpty() && name.isEmpty()) {
            throw json.error(g, "a security group without 'GroupId' or 'GroupName'", "its id, e.g. \"GroupId\": \"sg-0123\"");
        }
        String key = id.orElseGet(name::get);
        List<SgRule> rules = new ArrayList<>();
        permissions(g, "IpPermissions", key, Direction.INGRESS, rules);
        permissions(g, "IpPermissionsEgress", key, Direction.EGRESS, rules);
        return new SecurityGroup(key, name, json.source().at(g), rules, List.of());
    }

    private void permissions(Json.Obj g, String key, String group, Direction direction, List<SgRule> out) {
        List<Json> items = json.list(g, key, "a security group");
        for (int i = 0; i < items.size(); i++) {
            Json.Obj p = json.object(items.get(i), "a permission", PERMISSION, Set.of());
            Match service = service(p, "IpProtocol", "FromPort", "ToPort");
            List<Peered> peers = new ArrayList<>();
            for (Json r : json.list(p, "IpRanges", "a permission")) {
                Json.Obj o = json.object(r, "an IPv4 range", Set.of("CidrIp"), DESCRIPTION);
                peers.add(new Peered(o, new Peer.Addresses(cidr(o, "CidrIp", IpFamily.IPV4))));
            }
            for (Json r : json.list(p, "Ipv6Ranges", "a permission")) {
                Json.Obj o = json.object(r, "an IPv6 range", Set.of("CidrIpv6"), DESCRIPTION);
                peers.add(new Peered(o, new Peer.Addresses(cidr(o, "CidrIpv6", IpFamily.IPV6))));
            }
            for (Json r : json.list(p, "PrefixListIds", "a permission")) {
                Json.Obj o = json.object(r, "a prefix list", Set.of("PrefixListId"), DESCRIPTION);
                peers.add(new Peered(o, new Peer.PrefixList(json.requireString(o, "PrefixListId", "a prefix list"))));
            }
            for (Json r : json.list(p, "UserIdGroupPairs", "a permission")) {
                Json.Obj o = json.object(r, "a security group reference", PAIR, PAIR_IGNORED);
                Optional<String> ref = json.optString(o, "GroupId", "a security group reference")
                        .or(() -> json.optString(o, "GroupName", "a security group reference"));
                peers.add(new Peered(o, new Peer.Group(ref.orElseThrow(() -> json.error(o,
                        "a security group reference without 'GroupId'", "\"GroupId\": \"sg-…\"")))));
            }
            String base = group + "/" + direction.label() + "#" + (i + 1);
            for (int k = 0; k < peers.size(); k++) {
                Peered peer = peers.get(k);
                String id = peers.size() == 1 ? base : base + "." + (k + 1);
                String description = json.optString(peer.item(), "Description", "a rule").orElse("");
                out.add(new SgRule(id, direction, service, peer.peer(), comment(peer.item(), description),
                        json.source().at(peer.item()), false, List.of()));
            }
        }
    }

    private record Peered(Json.Obj item, Peer peer) {}

    // ---- describe-security-group-rules

    private void groupRules(List<Json> items) {
        Map<String, List<SgRule>> byGroup = new LinkedHashMap<>();
        Map<String, SourceLocation> first = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Json item : items) {
            Json.Obj r = json.object(item, "a security group rule", RULE, RULE_IGNORED);
            String group = json.requireString(r, "GroupId", "a security group rule");
            Direction direction = json.bool(json.require(r, "IsEgress", "a security group rule"), "'IsEgress'")
                    ? Direction.EGRESS : Direction.INGRESS;
            Match service = service(r, "IpProtocol", "FromPort", "ToPort");
            List<Peer> peers = new ArrayList<>();
            if (r.get("CidrIpv4").isPresent()) {
                peers.add(new Peer.Addresses(cidr(r, "CidrIpv4", IpFamily.IPV4)));
            }
            if (r.get("CidrIpv6").isPresent()) {
                peers.add(new Peer.Addresses(cidr(r, "CidrIpv6", IpFamily.IPV6)));
            }
            json.optString(r, "PrefixListId", "a security group rule").ifPresent(p -> peers.add(new Peer.PrefixList(p)));
            if (r.get("ReferencedGroupInfo").isPresent()) {
                Json.Obj ref = json.object(r.get("ReferencedGroupInfo").get(), "'ReferencedGroupInfo'", REFERENCED,
                        REFERENCED_IGNORED);
                peers.add(new Peer.Group(json.requireString(ref, "GroupId", "'ReferencedGroupInfo'")));
            }
            if (peers.size() != 1) {
                throw json.error(r, "a security group rule with " + peers.size() + " peers",
                        "exactly one of CidrIpv4, CidrIpv6, PrefixListId, ReferencedGroupInfo");
            }
            int n = counts.merge(group + direction, 1, Integer::sum);
            String id = json.optString(r, "SecurityGroupRuleId", "a security group rule")
                    .orElse(group + "/" + direction.label() + "#" + n);
            String description = json.optString(r, "Description", "a security group rule").orElse("");
            first.putIfAbsent(group, json.source().at(r));
            byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(new SgRule(id, direction, service, peers.get(0),
                    comment(r, description), json.source().at(r), r.get("SecurityGroupRuleId").isPresent(), List.of()));
        }
        byGroup.forEach((group, rules) -> groups.add(new SecurityGroup(group, Optional.empty(), first.get(group), rules,
                List.of())));
    }

    // ---- describe-network-acls

    private NetworkAcl acl(Json.Obj a) {
        String id = json.requireString(a, "NetworkAclId", "a network ACL");
        List<NetworkAcl.Entry> entries = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (Json item : json.list(a, "Entries", "a network ACL")) {
            Json.Obj e = json.object(item, "a network ACL entry", ENTRY, Set.of());
            int number = (int) json.integer(json.require(e, "RuleNumber", "a network ACL entry"), "'RuleNumber'", 1, 32767);
            Direction direction = json.bool(json.require(e, "Egress", "a network ACL entry"), "'Egress'")
                    ? Direction.EGRESS : Direction.INGRESS;
            if (!numbers.add(direction + "#" + number)) {
                throw json.error(e, "rule number " + number + " is used twice for " + direction.label(),
                        "a unique number per direction");
            }
            String action = json.requireString(e, "RuleAction", "a network ACL entry");
            Action verdict = switch (action) {
                case "allow" -> Action.ACCEPT;
                case "deny" -> Action.DROP;
                default -> throw json.error(e.get("RuleAction").get(), "unknown RuleAction '" + action + "'",
                        "allow or deny");
            };
            Optional<Long> from = Optional.empty();
            Optional<Long> to = Optional.empty();
            if (e.get("PortRange").isPresent()) {
                Json.Obj range = json.object(e.get("PortRange").get(), "'PortRange'", PORT_RANGE, Set.of());
                from = json.optInteger(range, "From", "'PortRange'", -1, 65535);
                to = json.optInteger(range, "To", "'PortRange'", -1, 65535);
            }
            String protocol = json.requireString(e, "Protocol", "a network ACL entry");
            if (e.get("IcmpTypeCode").isPresent() && !SgProtocol.isAll(protocol)) {
                Json.Obj icmp = json.object(e.get("IcmpTypeCode").get(), "'IcmpTypeCode'", ICMP_TYPE_CODE, Set.of());
                from = json.optInteger(icmp, "Type", "'IcmpTypeCode'", -1, 255);
                to = json.optInteger(icmp, "Code", "'IcmpTypeCode'", -1, 255);
            }
            Match.Builder b;
            try {
                b = SgProtocol.parse(protocol, from, to).toBuilder();
            } catch (IllegalArgumentException ex) {
                throw json.invalid(e.get("Protocol").get(), ex);
            }
            boolean hasV4 = e.get("CidrBlock").filter(v -> !(v instanceof Json.Null)).isPresent();
            boolean hasV6 = e.get("Ipv6CidrBlock").filter(v -> !(v instanceof Json.Null)).isPresent();
            if (hasV4 == hasV6) {
                throw json.error(e, "a network ACL entry with " + (hasV4 ? "both" : "neither") + " CidrBlock and Ipv6CidrBlock",
                        "one of them");
            }
            AddressSet peer = hasV4 ? cidr(e, "CidrBlock", IpFamily.IPV4) : cidr(e, "Ipv6CidrBlock", IpFamily.IPV6);
            if (direction == Direction.INGRESS) {
                b.sources(peer);
            } else {
                b.destinations(peer);
            }
            entries.add(new NetworkAcl.Entry(number, direction, verdict, b.build(), path(e), json.source().at(e)));
        }
        return new NetworkAcl(id, json.source().at(a), entries);
    }

    // ---- values

    private Match service(Json.Obj o, String protocolKey, String fromKey, String toKey) {
        Json protocolNode = json.require(o, protocolKey, "a rule");
        String protocol = protocolNode instanceof Json.Num n ? n.value().toString() : json.string(protocolNode,
                "'" + protocolKey + "'");
        Optional<Long> from = json.optInteger(o, fromKey, "a rule", -1, 65535);
        Optional<Long> to = json.optInteger(o, toKey, "a rule", -1, 65535);
        try {
            return SgProtocol.parse(protocol, from, to);
        } catch (IllegalArgumentException e) {
            Json at = protocolNode;
            if (e.getMessage().contains("port") || e.getMessage().contains("ICMP")) {
                at = o.get(fromKey).or(() -> o.get(toKey)).orElse(protocolNode);
            }
            throw json.invalid(at, e);
        }
    }

    private AddressSet cidr(Json.Obj o, String key, IpFamily family) {
        Json node = json.require(o, key, "a rule");
        String text = json.string(node, "'" + key + "'");
        AddressRange range;
        try {
            range = AddressSpecs.parseMasked(text);
        } catch (IllegalArgumentException e) {
            throw json.invalid(node, e);
        }
        if (range.family() != family || !text.contains("/")) {
            throw json.error(node, "'" + text + "' is not an " + family.label() + " CIDR block",
                    "an " + family.label() + " CIDR block, e.g. " + (family == IpFamily.IPV4 ? "10.0.1.0/24" : "2001:db8::/64"));
        }
        return AddressSet.of(range);
    }

    private static String path(Json node) {
        return node.where().path();
    }

    private static String comment(Json node, String description) {
        return description.isEmpty() ? path(node) : description + " (" + path(node) + ")";
    }
}
