package io.fwcheck.format.terraform;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.aws.Peer;
import io.fwcheck.format.aws.SecurityGroup;
import io.fwcheck.format.aws.SgProtocol;
import io.fwcheck.format.aws.SgRule;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.json.Json;
import io.fwcheck.format.terraform.TerraformPlan.Resource;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The AWS security groups of one state of a Terraform plan (before or after the change): each
 * {@code aws_security_group} with its inline {@code ingress} and {@code egress} rules and the rules
 * of {@code aws_security_group_rule}, {@code aws_vpc_security_group_ingress_rule} and
 * {@code aws_vpc_security_group_egress_rule} resources attached to it (by its id, or when the id is
 * known only after apply, by the configuration's reference). Rules attached to a group the plan
 * does not manage make a group of their own, which may have other rules.
 */
final class TfAws {

    private static final Set<String> GROUP = Set.of("id", "name", "ingress", "egress");
    private static final Set<String> GROUP_IGNORED = Set.of("arn", "description", "name_prefix", "owner_id",
            "revoke_rules_on_delete", "tags", "tags_all", "timeouts", "vpc_id", "region");
    private static final Set<String> INLINE = Set.of("from_port", "to_port", "protocol", "cidr_blocks", "ipv6_cidr_blocks",
            "prefix_list_ids", "security_groups", "self");
    private static final Set<String> RULE = Set.of("type", "security_group_id", "protocol", "from_port", "to_port",
            "cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "source_security_group_id", "self");
    private static final Set<String> RULE_IGNORED = Set.of("id", "description", "security_group_rule_id", "timeouts",
            "region");
    private static final Set<String> VPC_RULE = Set.of("security_group_id", "ip_protocol", "from_port", "to_port",
            "cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id");
    private static final Set<String> VPC_RULE_IGNORED = Set.of("id", "arn", "description", "security_group_rule_id",
            "tags", "tags_all", "region");
    private static final Set<String> DESCRIPTION = Set.of("description");
    private static final Set<String> SG_TYPE = Set.of("aws_security_group");

    /** A group being assembled. */
    private static final class Draft {
        final String key;
        final Optional<String> id;
        final Optional<String> name;
        final SourceLocation location;
        final List<SgRule> rules = new ArrayList<>();
        final List<Unmodelled> open = new ArrayList<>();

        Draft(String key, Optional<String> id, Optional<String> name, SourceLocation location) {
            this.key = key;
            this.id = id;
            this.name = name;
            this.location = location;
        }

        /** What rules referring to this group name it by: its id, or its address until it has one. */
        String reference() {
            return id.orElse(key);
        }
    }

    private final TfContext ctx;
    private final Function<Resource, Optional<TfValue>> state;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();
    private final Map<String, List<String>> members;

    /**
     * @param state the values of a resource in the state read (before or after)
     * @param members filled with the addresses of the resources that make each group
     */
    private TfAws(TfContext ctx, Function<Resource, Optional<TfValue>> state, Map<String, List<String>> members) {
        this.ctx = ctx;
        this.state = state;
        this.members = members;
    }

    /** The groups of one state by key: a managed group's address, or the id of a group only rules refer to. */
    static Map<String, SecurityGroup> groups(TfContext ctx, Function<Resource, Optional<TfValue>> state,
            Map<String, List<String>> members) {
        TfAws reader = new TfAws(ctx, state, members);
        return reader.read();
    }

    /**
     * The groups without the copies of rules managed by rule resources. An {@code aws_security_group}
     * whose configuration sets no {@code ingress} (or {@code egress}) blocks shows, in its values,
     * the rules AWS had when Terraform last read it, those of {@code aws_security_group_rule} and
     * {@code aws_vpc_security_group_*_rule} resources included, and a plan leaves that copy as it
     * was. So a group's own rule that is also a rule resource's, before the change, is left out:
     * the resource's values say what the rule is (before) and becomes (after).
     *
     * @param groups the groups of the state to clean
     * @param before the groups before the change (the same groups when cleaning the state before)
     */
    static Map<String, SecurityGroup> withoutCopies(TfContext ctx, Map<String, SecurityGroup> groups,
            Map<String, SecurityGroup> before) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        ctx.plan().resources().forEach(r -> resources.put(r.address(), r));
        Map<String, SecurityGroup> out = new LinkedHashMap<>();
        for (Map.Entry<String, SecurityGroup> e : groups.entrySet()) {
            SecurityGroup g = e.getValue();
            SecurityGroup was = before.get(e.getKey());
            Resource resource = resources.get(e.getKey());
            if (was == null || resource == null) {
                out.put(e.getKey(), g);
                continue;
            }
            Set<List<Object>> managed = new HashSet<>();
            was.rules().stream().filter(SgRule::named).forEach(r -> managed.add(signature(r)));
            List<SgRule> kept = g.rules().stream().filter(r -> r.named() || !managed.contains(signature(r))
                    || ctx.plan().configures(resource, r.direction().label()).orElse(false)).toList();
            out.put(e.getKey(), new SecurityGroup(g.id(), g.name(), g.location(), kept, g.open()));
        }
        return out;
    }

    private static List<Object> signature(SgRule r) {
        return List.of(r.direction(), r.service(), r.peer());
    }

    private Map<String, SecurityGroup> read() {
        for (Resource r : ctx.plan().resources()) {
            Optional<TfValue> v = state.apply(r);
            if (r.type().equals("aws_security_group") && v.isPresent()) {
                Draft d = new Draft(r.address(), TfContext.string(v.get().get("id")), TfContext.string(v.get().get("name")),
                        ctx.at(r));
                drafts.put(r.address(), d);
                members.computeIfAbsent(r.address(), k -> new ArrayList<>()).add(r.address());
            }
        }
        for (Resource r : ctx.plan().resources()) {
            Optional<TfValue> v = state.apply(r);
            if (v.isEmpty()) {
                continue;
            }
            switch (r.type()) {
                case "aws_security_group" -> inline(r, v.get(), drafts.get(r.address()));
                case "aws_security_group_rule" -> rule(r, v.get());
                case "aws_vpc_security_group_ingress_rule" -> vpcRule(r, v.get(), Direction.INGRESS);
                case "aws_vpc_security_group_egress_rule" -> vpcRule(r, v.get(), Direction.EGRESS);
                default -> {
                    // not an AWS security group resource
                }
            }
        }
        Map<String, SecurityGroup> out = new LinkedHashMap<>();
        for (Draft d : drafts.values()) {
            out.put(d.key, new SecurityGroup(d.reference(), d.name, d.location, d.rules, d.open));
        }
        return out;
    }

    private void inline(Resource r, TfValue v, Draft d) {
        List<Unmodelled> extra = ctx.notModelled(r, v, GROUP, GROUP_IGNORED);
        for (Direction direction : Direction.values()) {
            TfValue list = v.get(direction.label());
            String base = r.address() + "/" + direction.label();
            if (list.isUnknown()) {
                List<Unmodelled> why = new ArrayList<>(extra);
                why.add(ctx.afterApply(r, list));
                d.rules.add(new SgRule(base + "#?", direction, Match.any(), new Peer.Addresses(AddressSet.all()),
                        ctx.comment(r, list, ""), ctx.at(r), false, why));
                continue;
            }
            List<TfValue> items = list.items();
            for (int i = 0; i < items.size(); i++) {
                TfValue item = items.get(i);
                List<Unmodelled> unknowns = new ArrayList<>(extra);
                unknowns.addAll(ctx.notModelled(r, item, INLINE, DESCRIPTION));
                Match service = service(r, item.get("protocol"), item.get("from_port"), item.get("to_port"), unknowns);
                List<Peer> peers = new ArrayList<>();
                cidrs(r, item.get("cidr_blocks"), IpFamily.IPV4, peers);
                cidrs(r, item.get("ipv6_cidr_blocks"), IpFamily.IPV6, peers);
                names(r, item.get("prefix_list_ids"), Peer.PrefixList::new, peers);
                groupRefs(r, item.get("security_groups"), "security_groups", peers);
                self(r, item.get("self"), d, peers);
                add(d, base + "#" + (i + 1), false, direction, service, peers, r, item, unknowns);
            }
        }
    }

    private void rule(Resource r, TfValue v) {
        List<Unmodelled> unknowns = new ArrayList<>(ctx.notModelled(r, v, RULE, RULE_IGNORED));
        TfValue type = v.get("type");
        List<Direction> directions = direction(r, type, unknowns);
        Draft d = attachedTo(r, v.get("security_group_id"));
        Match service = service(r, v.get("protocol"), v.get("from_port"), v.get("to_port"), unknowns);
        List<Peer> peers = new ArrayList<>();
        cidrs(r, v.get("cidr_blocks"), IpFamily.IPV4, peers);
        cidrs(r, v.get("ipv6_cidr_blocks"), IpFamily.IPV6, peers);
        names(r, v.get("prefix_list_ids"), Peer.PrefixList::new, peers);
        groupRef(r, v.get("source_security_group_id"), "source_security_group_id", peers);
        self(r, v.get("self"), d, peers);
        for (Direction direction : directions) {
            String id = directions.size() == 1 ? r.address() : r.address() + "/" + direction.label();
            add(d, id, true, direction, service, peers, r, v, unknowns);
        }
    }

    private void vpcRule(Resource r, TfValue v, Direction direction) {
        List<Unmodelled> unknowns = new ArrayList<>(ctx.notModelled(r, v, VPC_RULE, VPC_RULE_IGNORED));
        Draft d = attachedTo(r, v.get("security_group_id"));
        Match service = service(r, v.get("ip_protocol"), v.get("from_port"), v.get("to_port"), unknowns);
        List<Peer> peers = new ArrayList<>();
        TfValue v4 = v.get("cidr_ipv4");
        TfValue v6 = v.get("cidr_ipv6");
        cidrs(r, v4, IpFamily.IPV4, peers);
        cidrs(r, v6, IpFamily.IPV6, peers);
        names(r, v.get("prefix_list_id"), Peer.PrefixList::new, peers);
        groupRef(r, v.get("referenced_security_group_id"), "referenced_security_group_id", peers);
        add(d, r.address(), true, direction, service, peers, r, v, unknowns);
    }

    private List<Direction> direction(Resource r, TfValue type, List<Unmodelled> unknowns) {
        if (type.isUnknown()) {
            unknowns.add(ctx.afterApply(r, type));
            return List.of(Direction.INGRESS, Direction.EGRESS);
        }
        String t = TfContext.string(type).orElseThrow(() -> ctx.error(type, r.address() + " has no type",
                "type = \"ingress\" or \"egress\""));
        return switch (t) {
            case "ingress" -> List.of(Direction.INGRESS);
            case "egress" -> List.of(Direction.EGRESS);
            default -> throw ctx.error(type, "unknown type '" + t + "' of " + r.address(), "ingress or egress");
        };
    }

    /** The group a rule resource belongs to. */
    private Draft attachedTo(Resource r, TfValue groupId) {
        Optional<String> id = TfContext.string(groupId);
        if (id.isPresent()) {
            for (Draft d : drafts.values()) {
                if (d.id.equals(id)) {
                    members.get(d.key).add(r.address());
                    return d;
                }
            }
            return external(id.get(), r, new Unmodelled("other rules of security group " + id.get()
                    + ", which this plan does not manage", ctx.at(r)));
        }
        Optional<String> ref = ctx.plan().referencedResource(ctx.plan().references(r, "security_group_id"), SG_TYPE);
        if (ref.isPresent()) {
            List<Draft> candidates = drafts.values().stream()
                    .filter(d -> TerraformPlan.configAddress(d.key).equals(ref.get())).toList();
            if (candidates.size() == 1) {
                members.get(candidates.get(0).key).add(r.address());
                return candidates.get(0);
            }
        }
        return external(r.address(), r, ctx.afterApply(r, groupId));
    }

    private Draft external(String key, Resource r, Unmodelled open) {
        Draft d = drafts.get(key);
        if (d == null) {
            d = new Draft(key, Optional.empty(), Optional.empty(), ctx.at(r));
            d.open.add(open);
            drafts.put(key, d);
            members.put(key, new ArrayList<>());
        }
        members.get(key).add(r.address());
        return d;
    }

    private Match service(Resource r, TfValue protocol, TfValue from, TfValue to, List<Unmodelled> unknowns) {
        for (TfValue v : List.of(protocol, from, to)) {
            if (v.isUnknown()) {
                unknowns.add(ctx.afterApply(r, v));
                return Match.any();
            }
        }
        String p = protocol.string().orElseGet(() -> protocol.number().map(String::valueOf).orElseThrow(
                () -> ctx.error(protocol, r.address() + " has no " + protocol.path(), "a protocol such as tcp or -1")));
        try {
            return SgProtocol.parse(p, from.number(), to.number());
        } catch (IllegalArgumentException e) {
            throw ctx.invalid(e.getMessage().contains("protocol") ? protocol : from, e);
        }
    }

    private void cidrs(Resource r, TfValue value, IpFamily family, List<Peer> peers) {
        if (value.isUnknown()) {
            peers.add(new Peer.Unknown(ctx.afterApply(r, value)));
        } else if (value.node() instanceof Json.Arr) {
            value.items().forEach(item -> one(r, item, family, peers));
        } else {
            one(r, value, family, peers);
        }
    }

    private void one(Resource r, TfValue item, IpFamily family, List<Peer> peers) {
        if (item.isUnknown()) {
            peers.add(new Peer.Unknown(ctx.afterApply(r, item)));
            return;
        }
        Optional<String> text = TfContext.string(item);
        if (text.isEmpty()) {
            return;
        }
        AddressRange range;
        try {
            range = AddressSpecs.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw ctx.invalid(item, e);
        }
        if (range.family() != family) {
            throw ctx.error(item, "'" + text.get() + "' in " + item.path() + " of " + r.address() + " is not "
                    + family.label(), "an " + family.label() + " CIDR block");
        }
        peers.add(new Peer.Addresses(AddressSet.of(range)));
    }

    private void names(Resource r, TfValue value, Function<String, Peer> make, List<Peer> peers) {
        if (value.isUnknown()) {
            peers.add(new Peer.Unknown(ctx.afterApply(r, value)));
            return;
        }
        List<Unmodelled> unknowns = new ArrayList<>();
        List<String> ids = value.node() instanceof Json.Arr ? ctx.strings(r, value, unknowns)
                : TfContext.string(value).map(List::of).orElse(List.of());
        ids.forEach(id -> peers.add(make.apply(id)));
        unknowns.forEach(u -> peers.add(new Peer.Unknown(u)));
    }

    /** Security group ids, or the groups the configuration refers to when they are known only after apply. */
    private void groupRefs(Resource r, TfValue value, String attribute, List<Peer> peers) {
        List<Unmodelled> unknowns = new ArrayList<>();
        List<String> ids = ctx.strings(r, value, unknowns);
        ids.forEach(id -> peers.add(new Peer.Group(id)));
        if (!unknowns.isEmpty()) {
            referredGroups(r, attribute, unknowns, peers);
        }
    }

    private void groupRef(Resource r, TfValue value, String attribute, List<Peer> peers) {
        if (value.isUnknown()) {
            referredGroups(r, attribute, List.of(ctx.afterApply(r, value)), peers);
            return;
        }
        TfContext.string(value).ifPresent(id -> peers.add(new Peer.Group(id)));
    }

    private void referredGroups(Resource r, String attribute, List<Unmodelled> unknowns, List<Peer> peers) {
        Optional<String> ref = ctx.plan().referencedResource(ctx.plan().references(r, attribute), SG_TYPE);
        List<Draft> candidates = ref.isEmpty() ? List.of() : drafts.values().stream()
                .filter(d -> TerraformPlan.configAddress(d.key).equals(ref.get())).toList();
        if (candidates.size() == 1 && unknowns.size() == 1) {
            peers.add(new Peer.Group(candidates.get(0).reference()));
            return;
        }
        unknowns.forEach(u -> peers.add(new Peer.Unknown(u)));
    }

    private void self(Resource r, TfValue value, Draft d, List<Peer> peers) {
        if (value.isUnknown()) {
            peers.add(new Peer.Unknown(ctx.afterApply(r, value)));
        } else if (value.bool().orElse(false)) {
            peers.add(new Peer.Group(d.reference()));
        }
    }

    private void add(Draft d, String id, boolean named, Direction direction, Match service, List<Peer> peers, Resource r,
            TfValue v, List<Unmodelled> unknowns) {
        String description = TfContext.string(v.get("description")).orElse("");
        for (int k = 0; k < peers.size(); k++) {
            String ruleId = peers.size() == 1 ? id : id + "." + (k + 1);
            d.rules.add(new SgRule(ruleId, direction, service, peers.get(k), ctx.comment(r, v, description), ctx.at(r),
                    named, unknowns));
        }
    }
}
