package io.fwcheck.format.terraform;

import io.fwcheck.format.azure.AddressItem;
import io.fwcheck.format.azure.AzureValues;
import io.fwcheck.format.azure.Nsg;
import io.fwcheck.format.azure.NsgRule;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.terraform.TerraformPlan.Resource;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Azure NSGs of one state of a Terraform plan: each {@code azurerm_network_security_group}
 * with its inline {@code security_rule} blocks and the {@code azurerm_network_security_rule}
 * resources attached to it (by resource group and NSG name, or by the configuration's reference),
 * plus Azure's default rules, which Terraform does not show.
 */
final class TfAzure {

    private static final Set<String> NSG = Set.of("name", "resource_group_name", "security_rule");
    private static final Set<String> NSG_IGNORED = Set.of("id", "location", "tags", "timeouts");
    private static final Set<String> RULE = Set.of("name", "priority", "direction", "access", "protocol",
            "source_port_range", "source_port_ranges", "destination_port_range", "destination_port_ranges",
            "source_address_prefix", "source_address_prefixes", "destination_address_prefix",
            "destination_address_prefixes", "source_application_security_group_ids",
            "destination_application_security_group_ids");
    private static final Set<String> RULE_IGNORED = Set.of("description");
    private static final Set<String> STANDALONE = Set.of("network_security_group_name", "resource_group_name");
    private static final Set<String> STANDALONE_IGNORED = Set.of("id", "description", "timeouts");

    /** An NSG being assembled. */
    private record Draft(String key, String name, Optional<String> group, SourceLocation location, List<NsgRule> rules) {}

    private TfAzure() {}

    /** The NSGs of one state by address; {@code members} gets each NSG's resources. */
    static Map<String, Nsg> nsgs(TfContext ctx, Function<Resource, Optional<TfValue>> state,
            Map<String, List<String>> members) {
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (Resource r : ctx.plan().resources()) {
            Optional<TfValue> v = state.apply(r);
            if (r.type().equals("azurerm_network_security_group") && v.isPresent()) {
                Draft d = new Draft(r.address(), TfContext.string(v.get().get("name")).orElse(r.address()),
                        TfContext.string(v.get().get("resource_group_name")), ctx.at(r),
                        new ArrayList<>());
                drafts.put(r.address(), d);
                members.computeIfAbsent(r.address(), k -> new ArrayList<>()).add(r.address());
                List<Unmodelled> extra = ctx.notModelled(r, v.get(), NSG, NSG_IGNORED);
                TfValue rules = v.get().get("security_rule");
                if (rules.isUnknown()) {
                    d.rules().add(unknownRule(ctx, r, rules, extra));
                }
                for (TfValue item : rules.items()) {
                    d.rules().addAll(rule(ctx, r, item, extra, RULE_IGNORED));
                }
            }
        }
        for (Resource r : ctx.plan().resources()) {
            Optional<TfValue> v = state.apply(r);
            if (r.type().equals("azurerm_network_security_rule") && v.isPresent()) {
                Set<String> ignored = new HashSet<>(STANDALONE_IGNORED);
                ignored.addAll(STANDALONE);
                List<Unmodelled> extra = new ArrayList<>();
                Draft d = attachedTo(ctx, r, v.get(), drafts, members, extra);
                d.rules().addAll(rule(ctx, r, v.get(), extra, ignored));
            }
        }
        Map<String, Nsg> out = new LinkedHashMap<>();
        for (Draft d : drafts.values()) {
            List<NsgRule> rules = new ArrayList<>(d.rules());
            rules.addAll(AzureValues.defaults(d.location()));
            out.put(d.key(), new Nsg(d.name(), d.location(), rules));
        }
        return out;
    }

    private static Draft attachedTo(TfContext ctx, Resource r, TfValue v, Map<String, Draft> drafts,
            Map<String, List<String>> members, List<Unmodelled> extra) {
        Optional<String> name = TfContext.string(v.get("network_security_group_name"));
        Optional<String> group = TfContext.string(v.get("resource_group_name"));
        Draft found = null;
        if (name.isPresent()) {
            for (Draft d : drafts.values()) {
                if (d.name().equals(name.get()) && (group.isEmpty() || d.group().isEmpty() || d.group().equals(group))) {
                    found = d;
                    break;
                }
            }
        } else {
            Optional<String> ref = ctx.plan().referencedResource(ctx.plan().references(r, "network_security_group_name"),
                    Set.of("azurerm_network_security_group"));
            List<Draft> candidates = ref.isEmpty() ? List.of() : drafts.values().stream()
                    .filter(d -> TerraformPlan.configAddress(d.key()).equals(ref.get())).toList();
            found = candidates.size() == 1 ? candidates.get(0) : null;
        }
        if (found == null) {
            String key = name.orElse(r.address());
            found = drafts.get(key);
            if (found == null) {
                found = new Draft(key, key, group, ctx.at(r), new ArrayList<>());
                drafts.put(key, found);
                members.put(key, new ArrayList<>());
                // the NSG is not managed here: its other rules are not known
                Unmodelled other = name.isPresent()
                        ? new Unmodelled("other rules of NSG " + name.get() + ", which this plan does not manage",
                                ctx.at(r))
                        : ctx.afterApply(r, v.get("network_security_group_name"));
                for (Direction direction : Direction.values()) {
                    Match any = Match.builder().unmodelled(other).build();
                    AddressItem all = new AddressItem.Addresses(AddressSet.all());
                    for (boolean deny : new boolean[] {false, true}) {
                        found.rules().add(new NsgRule(key + "/other-" + direction.label() + (deny ? "-deny" : "-allow"),
                                direction, Optional.empty(), deny, List.of(any), List.of(all), List.of(all),
                                "rules of " + key + " not in this plan", ctx.at(r), List.of(), true));
                    }
                }
            }
        }
        members.get(found.key()).add(r.address());
        return found;
    }

    private static NsgRule unknownRule(TfContext ctx, Resource r, TfValue rules, List<Unmodelled> extra) {
        List<Unmodelled> why = new ArrayList<>(extra);
        why.add(ctx.afterApply(r, rules));
        AddressItem all = new AddressItem.Addresses(AddressSet.all());
        return new NsgRule(r.address() + "/security_rule", Direction.INGRESS, Optional.empty(), false, List.of(Match.any()),
                List.of(all), List.of(all), ctx.comment(r, rules, ""), ctx.at(r), why);
    }

    /** One rule in the directions it may have (both when its direction is known only after apply). */
    private static List<NsgRule> rule(TfContext ctx, Resource r, TfValue v, List<Unmodelled> extra, Set<String> ignored) {
        List<Unmodelled> unknowns = new ArrayList<>(extra);
        unknowns.addAll(ctx.notModelled(r, v, RULE, ignored));
        String name = TfContext.string(v.get("name")).orElse(r.address());
        TfValue priorityValue = v.get("priority");
        Optional<Integer> priority = priorityValue.number().map(Long::intValue);
        if (priority.isEmpty()) {
            unknowns.add(ctx.afterApply(r, priorityValue));
        }
        List<Direction> directions = new ArrayList<>();
        TfValue dir = v.get("direction");
        if (dir.isUnknown()) {
            unknowns.add(ctx.afterApply(r, dir));
            directions.addAll(List.of(Direction.values()));
        } else {
            String d = TfContext.string(dir).orElse("");
            switch (d.toLowerCase(Locale.ROOT)) {
                case "inbound" -> directions.add(Direction.INGRESS);
                case "outbound" -> directions.add(Direction.EGRESS);
                default -> throw ctx.error(dir, "unknown direction '" + d + "' of " + name, "Inbound or Outbound");
            }
        }
        List<Boolean> denies = new ArrayList<>();
        TfValue access = v.get("access");
        if (access.isUnknown()) {
            unknowns.add(ctx.afterApply(r, access));
            denies.addAll(List.of(false, true));
        } else {
            String a = TfContext.string(access).orElse("");
            switch (a.toLowerCase(Locale.ROOT)) {
                case "allow" -> denies.add(false);
                case "deny" -> denies.add(true);
                default -> throw ctx.error(access, "unknown access '" + a + "' of " + name, "Allow or Deny");
            }
        }
        List<Match> services = services(ctx, r, v, unknowns);
        List<AddressItem> sources = addresses(ctx, r, v, "source", unknowns);
        List<AddressItem> destinations = addresses(ctx, r, v, "destination", unknowns);
        String comment = ctx.comment(r, v, TfContext.string(v.get("description")).orElse(""));
        List<NsgRule> out = new ArrayList<>();
        for (Direction direction : directions) {
            for (boolean deny : denies) {
                String id = name + (directions.size() > 1 ? "/" + direction.label() : "") + (denies.size() > 1
                        ? (deny ? "/deny" : "/allow") : "");
                out.add(new NsgRule(id, direction, priority, deny, services, sources, destinations, comment, ctx.at(r),
                        unknowns));
            }
        }
        return out;
    }

    private static List<Match> services(TfContext ctx, Resource r, TfValue v, List<Unmodelled> unknowns) {
        TfValue protocol = v.get("protocol");
        List<String> sourcePorts = both(ctx, r, v, "source_port_range", unknowns);
        List<String> destinationPorts = both(ctx, r, v, "destination_port_range", unknowns);
        if (protocol.isUnknown()) {
            unknowns.add(ctx.afterApply(r, protocol));
            return List.of(Match.any());
        }
        try {
            return AzureValues.services(TfContext.string(protocol).orElse("*"), sourcePorts, destinationPorts, ctx.at(r));
        } catch (IllegalArgumentException e) {
            throw ctx.invalid(e.getMessage().contains("port") ? v.get("destination_port_range") : protocol, e);
        }
    }

    /** A singular value and its plural list together; an unknown one leaves the ports unconstrained. */
    private static List<String> both(TfContext ctx, Resource r, TfValue v, String single, List<Unmodelled> unknowns) {
        List<Unmodelled> here = new ArrayList<>();
        List<String> out = new ArrayList<>();
        TfValue one = v.get(single);
        if (one.isUnknown()) {
            here.add(ctx.afterApply(r, one));
        }
        TfContext.string(one).ifPresent(out::add);
        out.addAll(ctx.strings(r, v.get(single + "s"), here));
        unknowns.addAll(here);
        return here.isEmpty() ? out : List.of();
    }

    private static List<AddressItem> addresses(TfContext ctx, Resource r, TfValue v, String side,
            List<Unmodelled> unknowns) {
        List<AddressItem> out = new ArrayList<>();
        List<Unmodelled> here = new ArrayList<>();
        TfValue one = v.get(side + "_address_prefix");
        if (one.isUnknown()) {
            here.add(ctx.afterApply(r, one));
        }
        List<TfValue> values = new ArrayList<>();
        if (TfContext.string(one).isPresent()) {
            values.add(one);
        }
        TfValue plural = v.get(side + "_address_prefixes");
        if (plural.isUnknown()) {
            here.add(ctx.afterApply(r, plural));
        }
        for (TfValue item : plural.items()) {
            if (item.isUnknown()) {
                here.add(ctx.afterApply(r, item));
            } else if (TfContext.string(item).isPresent()) {
                values.add(item);
            }
        }
        for (TfValue item : values) {
            try {
                out.add(AzureValues.prefix(TfContext.string(item).get()));
            } catch (IllegalArgumentException e) {
                throw ctx.invalid(item, e);
            }
        }
        for (String id : ctx.strings(r, v.get(side + "_application_security_group_ids"), here)) {
            out.add(new AddressItem.ApplicationGroup(AzureValues.groupName(id)));
        }
        if (!here.isEmpty()) {
            unknowns.addAll(here);
            return List.of(new AddressItem.Addresses(AddressSet.all()));
        }
        if (out.isEmpty()) {
            throw ctx.error(v, r.address() + " " + v.path() + " has no " + side + " address", "a " + side
                    + "_address_prefix, " + side + "_address_prefixes or " + side + "_application_security_group_ids");
        }
        return out;
    }
}
