package io.fwcheck.format.azure;

import io.fwcheck.format.cloud.AddressNames;
import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.cloud.CloudRules.Resolved;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an NSG into the ruleset of one direction (docs/formats-cloud.md): return traffic of
 * accepted connections first (NSGs are stateful), then the rules by priority, lowest first, the
 * default rules included; a packet no rule matches is dropped. Service tags and application
 * security groups match the addresses {@link AddressNames} defines for them (a members file or
 * policy groups of the same name, e.g. {@code VirtualNetwork}); undefined, they make the rule
 * uncertain.
 */
public final class NsgCompiler {

    private NsgCompiler() {}

    public static Ruleset compile(Nsg nsg, Direction direction, AddressNames names) {
        Set<String> ids = new HashSet<>();
        List<Rule> out = new ArrayList<>();
        out.add(CloudRules.returnTraffic(nsg.location(), nsg.rules().stream().map(NsgRule::name).toList()));
        ids.add(out.get(0).id());
        List<NsgRule> sorted = new ArrayList<>(nsg.rules().stream().filter(r -> r.direction() == direction).toList());
        // unknown priorities first: uncertain, the rule may come anywhere
        sorted.sort(Comparator.comparingInt(r -> r.priority().orElse(-1)));
        for (NsgRule r : sorted) {
            List<Resolved> sources = alternatives(r.sources(), names, r);
            List<Resolved> destinations = alternatives(r.destinations(), names, r);
            String comment = r.comment() + " [priority " + r.priority().map(String::valueOf).orElse("known after apply")
                    + "]";
            int parts = 0;
            for (Match service : r.services()) {
                for (Resolved from : sources) {
                    for (Resolved to : destinations) {
                        Match.Builder b = service.toBuilder();
                        from.applyTo(b, true);
                        to.applyTo(b, false);
                        r.unknowns().forEach(b::unmodelled);
                        String id = CloudRules.unique(parts++ == 0 ? r.name() : r.name() + "." + parts, ids);
                        String notes = String.join("; ", List.of(from.note(), to.note()).stream()
                                .filter(n -> !n.isEmpty()).toList());
                        out.add(new Rule(id, r.deny() ? Action.DROP : Action.ACCEPT, b.build(),
                                notes.isEmpty() ? comment : comment + " [" + notes + "]", r.location(), true, List.of(),
                                r.standIn()));
                    }
                }
            }
        }
        return new Ruleset("azure " + nsg.name() + " " + (direction == Direction.INGRESS ? "inbound" : "outbound"), out,
                Action.DROP, nsg.location());
    }

    private static List<Resolved> alternatives(List<AddressItem> items, AddressNames names, NsgRule r) {
        AddressSet ranges = AddressSet.empty();
        List<Resolved> named = new ArrayList<>();
        for (AddressItem item : items) {
            if (item instanceof AddressItem.Addresses a) {
                ranges = ranges.union(a.addresses());
            } else if (item instanceof AddressItem.ServiceTag t) {
                named.add(CloudRules.resolve(names, t.name(), "service tag", "define a policy group or member named '"
                        + t.name() + "' with its address ranges", r.location()));
            } else if (item instanceof AddressItem.ApplicationGroup g) {
                named.add(CloudRules.resolve(names, g.name(), "application security group", "define a policy group or"
                        + " member named '" + g.name() + "' with the addresses of its network interfaces", r.location()));
            }
        }
        return CloudRules.union(ranges, named);
    }
}
