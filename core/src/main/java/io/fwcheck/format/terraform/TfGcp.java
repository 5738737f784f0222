package io.fwcheck.format.terraform;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.gcp.FirewallRule;
import io.fwcheck.format.gcp.GcpProtocol;
import io.fwcheck.format.gcp.GcpReader;
import io.fwcheck.format.json.Json;
import io.fwcheck.format.terraform.TerraformPlan.Resource;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Match;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The GCP firewall rules of one state of a Terraform plan ({@code google_compute_firewall}), with
 * the network each belongs to: the network's name, or the address of the {@code
 * google_compute_network} the configuration refers to when the name is known only after apply.
 */
final class TfGcp {

    private static final Set<String> FIREWALL = Set.of("name", "network", "direction", "priority", "disabled",
            "source_ranges", "destination_ranges", "source_tags", "target_tags", "source_service_accounts",
            "target_service_accounts", "allow", "deny");
    private static final Set<String> FIREWALL_IGNORED = Set.of("id", "description", "project", "self_link",
            "creation_timestamp", "log_config", "enable_logging", "timeouts");
    private static final Set<String> ITEM = Set.of("protocol", "ports");

    private TfGcp() {}

    /** The enabled rules of one state, in document order; {@code members} gets each network's resources. */
    static List<FirewallRule> rules(TfContext ctx, Function<Resource, Optional<TfValue>> state,
            Map<String, List<String>> members) {
        List<FirewallRule> out = new ArrayList<>();
        for (Resource r : ctx.plan().resources()) {
            Optional<TfValue> v = state.apply(r);
            if (r.type().equals("google_compute_firewall") && v.isPresent()) {
                rule(ctx, r, v.get()).ifPresent(rule -> {
                    out.add(rule);
                    members.computeIfAbsent(rule.network(), k -> new ArrayList<>()).add(r.address());
                });
            }
        }
        return out;
    }

    private static Optional<FirewallRule> rule(TfContext ctx, Resource r, TfValue v) {
        List<Unmodelled> unknowns = new ArrayList<>(ctx.notModelled(r, v, FIREWALL, FIREWALL_IGNORED));
        TfValue disabled = v.get("disabled");
        if (disabled.isUnknown()) {
            unknowns.add(ctx.afterApply(r, disabled));
        } else if (disabled.bool().orElse(false)) {
            return Optional.empty();
        }
        String name = TfContext.string(v.get("name")).orElse(r.address());
        String network = network(ctx, r, v.get("network"));
        TfValue dir = v.get("direction");
        Direction direction = Direction.INGRESS;
        if (dir.isUnknown()) {
            unknowns.add(ctx.afterApply(r, dir));
        } else if (TfContext.string(dir).isPresent()) {
            String d = TfContext.string(dir).get();
            direction = switch (d) {
                case "INGRESS" -> Direction.INGRESS;
                case "EGRESS" -> Direction.EGRESS;
                default -> throw ctx.error(dir, "unknown direction '" + d + "' of " + r.address(), "INGRESS or EGRESS");
            };
        }
        TfValue priorityValue = v.get("priority");
        Optional<Integer> priority = priorityValue.isUnknown() ? Optional.empty()
                : Optional.of(priorityValue.number().orElse(1000L).intValue());
        if (priority.isPresent() && (priority.get() < 0 || priority.get() > 65535)) {
            throw ctx.error(priorityValue, "priority " + priority.get() + " of " + r.address() + " is out of range",
                    "0-65535");
        }
        if (priority.isEmpty()) {
            unknowns.add(ctx.afterApply(r, priorityValue));
        }
        TfValue allow = v.get("allow");
        TfValue deny = v.get("deny");
        boolean denies = !deny.isEmpty();
        List<Match> services = new ArrayList<>();
        TfValue items = denies ? deny : allow;
        if (items.isUnknown()) {
            unknowns.add(ctx.afterApply(r, items));
            services.add(Match.any());
        }
        for (TfValue item : items.items()) {
            unknowns.addAll(ctx.notModelled(r, item, ITEM, Set.of()));
            TfValue protocol = item.get("protocol");
            TfValue ports = item.get("ports");
            if (protocol.isUnknown() || ports.isUnknown()) {
                unknowns.add(ctx.afterApply(r, protocol.isUnknown() ? protocol : ports));
                services.add(Match.any());
                continue;
            }
            List<Unmodelled> portUnknowns = new ArrayList<>();
            List<String> portList = ctx.strings(r, ports, portUnknowns);
            String p = TfContext.string(protocol).orElseThrow(() -> ctx.error(protocol, r.address() + " "
                    + protocol.path() + " has no value", "a protocol such as tcp or all"));
            try {
                Match service = GcpProtocol.parse(p, portUnknowns.isEmpty() ? portList : List.of());
                if (!portUnknowns.isEmpty()) {
                    unknowns.addAll(portUnknowns);
                }
                services.add(service);
            } catch (IllegalArgumentException e) {
                throw ctx.invalid(e.getMessage().contains("port") ? ports : protocol, e);
            }
        }
        return Optional.of(new FirewallRule(name, network, direction, priority, denies, services,
                ranges(ctx, r, v.get("source_ranges"), unknowns), ranges(ctx, r, v.get("destination_ranges"), unknowns),
                ctx.strings(r, v.get("source_tags"), unknowns), ctx.strings(r, v.get("source_service_accounts"), unknowns),
                ctx.strings(r, v.get("target_tags"), unknowns), ctx.strings(r, v.get("target_service_accounts"), unknowns),
                ctx.comment(r, v, TfContext.string(v.get("description")).orElse("")), ctx.at(r), unknowns));
    }

    /**
     * The short name of a rule's network; when it is known only after apply, the name the
     * configuration gives the {@code google_compute_network} it refers to, or that resource's address.
     */
    private static String network(TfContext ctx, Resource r, TfValue value) {
        if (!value.isUnknown() && TfContext.string(value).isPresent()) {
            return GcpReader.network(TfContext.string(value).get());
        }
        List<String> refs = ctx.plan().references(r, "network");
        Optional<String> resource = ctx.plan().configuredResource(refs, "google_compute_network");
        if (resource.isPresent()) {
            return ctx.plan().constant(resource.get(), "name").orElse(resource.get());
        }
        return "(network of " + r.address() + ", known after apply)";
    }

    /** Address ranges; unknown ones widen the rule to every address with an unmodelled condition. */
    private static Optional<AddressSet> ranges(TfContext ctx, Resource r, TfValue value, List<Unmodelled> unknowns) {
        if (value.isUnknown()) {
            unknowns.add(ctx.afterApply(r, value));
            return Optional.of(AddressSet.all());
        }
        List<AddressRange> out = new ArrayList<>();
        boolean widened = false;
        for (TfValue item : value.items()) {
            if (item.isUnknown()) {
                unknowns.add(ctx.afterApply(r, item));
                widened = true;
                continue;
            }
            if (!(item.node() instanceof Json.Str s)) {
                continue;
            }
            try {
                out.add(AddressSpecs.parse(s.value()));
            } catch (IllegalArgumentException e) {
                throw ctx.invalid(item, e);
            }
        }
        if (widened) {
            return Optional.of(AddressSet.all());
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(AddressSet.of(out));
    }
}
