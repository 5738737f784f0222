package io.fwcheck.format.gcp;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.InputException;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.cloud.AddressNames;
import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.cloud.CloudRules.Resolved;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rulesets of GCP VPC firewall rules (docs/formats-cloud.md). Rules apply per network and per
 * instance: a rule with target tags or service accounts applies only to the instances that carry
 * them. Two views, each a ruleset of the file:
 *
 * <ul>
 *   <li>{@code NETWORK}: every instance of the network, told apart by address: a targeted rule
 *       applies to the addresses its targets are defined with ({@link AddressNames}: a members
 *       file or policy groups named like the tag or service account), and is uncertain when they
 *       are not defined;
 *   <li>{@code NETWORK/tag:TAG}, {@code NETWORK/sa:ACCOUNT}: an instance that carries exactly the
 *       selected tags and runs as the selected service account (several joined with commas), at
 *       any address: rules targeting it and rules targeting every instance apply, others do not;
 *   <li>{@code NETWORK/untargeted}: an instance no rule targets: only rules for every instance apply.
 * </ul>
 *
 * Rules are in priority order (lower first; at equal priority deny before allow), disabled rules
 * are left out, and the implied rules (deny all ingress, allow all egress, priority 65535) end
 * the ruleset. Before the rules: return traffic; egress to the metadata server, which GCP always
 * allows; ingress from it, uncertain; and the always-blocked egress to tcp/25 on external addresses,
 * uncertain (whether an address is external depends on the network).
 */
public final class GcpRulesets {

    private static final String METADATA = "169.254.169.254";
    /** The view of an instance that no rule targets. */
    private static final String UNTARGETED = "untargeted";
    private static final List<String> INTERNAL = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    private GcpRulesets() {}

    /** The networks of some rules, in order of first appearance. */
    private static Map<String, List<FirewallRule>> byNetwork(List<FirewallRule> rules) {
        Map<String, List<FirewallRule>> out = new LinkedHashMap<>();
        for (FirewallRule r : rules) {
            out.computeIfAbsent(r.network(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /**
     * The rulesets of some rules for one direction: per network, the whole network and then each
     * target tag and service account.
     *
     * @param networkAt where each network is defined (its first rule when absent)
     */
    public static List<RulesetEntry> entries(List<FirewallRule> rules, Direction direction,
            Map<String, SourceLocation> networkAt) {
        Map<String, List<FirewallRule>> networks = byNetwork(rules);
        boolean single = networks.size() == 1;
        List<RulesetEntry> out = new ArrayList<>();
        for (Map.Entry<String, List<FirewallRule>> e : networks.entrySet()) {
            String network = e.getKey();
            List<FirewallRule> of = e.getValue().stream().filter(r -> r.direction() == direction).toList();
            SourceLocation at = networkAt.getOrDefault(network, e.getValue().get(0).location());
            out.add(new RulesetEntry(network, List.of(), "GCP VPC firewall, every instance, " + direction.label(),
                    of.size(), at));
            Set<String> targets = new LinkedHashSet<>();
            for (FirewallRule r : e.getValue()) {
                r.targetTags().forEach(t -> targets.add("tag:" + t));
                r.targetServiceAccounts().forEach(s -> targets.add("sa:" + s));
            }
            if (!targets.isEmpty()) {
                long count = of.stream().filter(FirewallRule::targetsAll).count();
                out.add(new RulesetEntry(network + "/" + UNTARGETED, single ? List.of(UNTARGETED) : List.of(),
                        "GCP VPC firewall, instances no rule targets, " + direction.label(), (int) count, at));
            }
            for (String target : targets) {
                Set<String> selected = Set.of(target);
                long count = of.stream().filter(r -> applies(r, selected)).count();
                out.add(new RulesetEntry(network + "/" + target, single ? List.of(target) : List.of(),
                        "GCP VPC firewall, instances with " + target.replaceFirst(":", " ") + ", " + direction.label(),
                        (int) count, at));
            }
        }
        return out;
    }

    /**
     * The ruleset a selection names: a network ({@code default}), or targets of one network
     * ({@code default/tag:web}, several joined with commas). With no selection, the network when
     * there is only one.
     *
     * @param fileName for errors
     * @param fileAt where the implied rules are reported
     */
    public static Ruleset compile(List<FirewallRule> rules, Optional<String> selection, Direction direction,
            AddressNames names, Map<String, SourceLocation> networkAt, String fileName, SourceLocation fileAt) {
        List<RulesetEntry> entries = entries(rules, direction, networkAt);
        Map<String, List<FirewallRule>> networks = byNetwork(rules);
        if (networks.isEmpty()) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "the file holds no firewall rule",
                    "at least one rule");
        }
        Optional<String> wanted = selection;
        if (wanted.isEmpty() && networks.size() == 1) {
            wanted = Optional.of(networks.keySet().iterator().next());
        }
        List<Integer> chosen = CloudRules.select(entries, wanted, fileName, "network or target", true);
        String network = null;
        Set<String> targets = new LinkedHashSet<>();
        boolean whole = false;
        boolean untargeted = false;
        for (int i : chosen) {
            String name = entries.get(i).name();
            int slash = name.indexOf("/tag:") >= 0 ? name.indexOf("/tag:") : name.indexOf("/sa:");
            if (slash < 0 && name.endsWith("/" + UNTARGETED)) {
                slash = name.length() - UNTARGETED.length() - 1;
            }
            String net = slash < 0 ? name : name.substring(0, slash);
            if (slash < 0) {
                whole = true;
            } else if (!name.endsWith("/" + UNTARGETED)) {
                targets.add(name.substring(slash + 1));
            } else {
                untargeted = true;
            }
            if (network != null && !network.equals(net)) {
                throw new InputException(new SourceLocation(fileName, 0, 0), "'" + selection.orElse("")
                        + "' names targets of two networks, " + network + " and " + net, "targets of one network");
            }
            network = net;
        }
        if (untargeted && !targets.isEmpty()) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "'" + selection.orElse("")
                    + "' combines an untargeted instance with targets", "targets, or " + network + "/" + UNTARGETED);
        }
        if (whole && (!targets.isEmpty() || untargeted)) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "'" + selection.orElse("")
                    + "' combines a whole network with targets", "a network, or targets of it such as "
                    + network + "/tag:web");
        }
        if (targets.stream().filter(t -> t.startsWith("sa:")).count() > 1) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "'" + selection.orElse("")
                    + "' names two service accounts", "at most one: an instance runs as one service account");
        }
        List<FirewallRule> of = networks.get(network).stream().filter(r -> r.direction() == direction).toList();
        String label = "gcp " + network + (untargeted ? "/" + UNTARGETED : targets.isEmpty() ? ""
                : "/" + String.join(",", targets)) + " " + direction.label();
        return build(of, whole ? Optional.empty() : Optional.of(targets), direction, names, label, fileAt);
    }

    /** The whole-network ruleset of one network (which may have no rule), told apart by address. */
    public static Ruleset network(List<FirewallRule> rules, String network, Direction direction, AddressNames names,
            SourceLocation fileAt) {
        List<FirewallRule> of = rules.stream().filter(r -> r.network().equals(network) && r.direction() == direction)
                .toList();
        return build(of, Optional.empty(), direction, names, "gcp " + network + " " + direction.label(), fileAt);
    }

    /**
     * The ruleset of some rules of one network and direction.
     *
     * @param targets the tags ({@code tag:web}) and service account ({@code sa:…}) of the instance,
     *     or empty for the whole network told apart by address
     */
    static Ruleset build(List<FirewallRule> rules, Optional<Set<String>> targets, Direction direction,
            AddressNames names, String label, SourceLocation fileAt) {
        Set<String> ids = new HashSet<>();
        List<Rule> out = new ArrayList<>();
        out.add(CloudRules.returnTraffic(fileAt, rules.stream().map(FirewallRule::name).toList()));
        ids.add(out.get(0).id());
        boolean ingress = direction == Direction.INGRESS;
        AddressSet metadata = AddressSet.of(AddressSpecs.parse(METADATA));
        if (ingress) {
            // replies from the metadata server are return traffic; what GCP does with new connections is not documented
            out.add(new Rule(CloudRules.unique("metadata-server", ids), Action.ACCEPT, Match.builder().sources(metadata)
                    .unmodelled(new Unmodelled("connections from the metadata server " + METADATA
                            + " (GCP always allows traffic between an instance and its metadata server)", fileAt)).build(),
                    "GCP always allows traffic between an instance and its metadata server", fileAt, false).asStandIn());
        } else {
            out.add(new Rule(CloudRules.unique("always-allowed-metadata-server", ids), Action.ACCEPT,
                    Match.builder().destinations(metadata).build(),
                    "GCP always allows traffic between an instance and its metadata server", fileAt, false).asStandIn());
        }
        if (!ingress) {
            List<AddressRange> internal = INTERNAL.stream().map(AddressSpecs::parse).toList();
            Match smtp = Match.builder().protocol(Protocol.TCP).destinationPorts(IntRanges.of(25))
                    .destinations(AddressSet.of(internal).complement())
                    .unmodelled(new Unmodelled("egress to tcp/25 on an external address, which GCP always blocks"
                            + " (whether an address is external depends on the network)", fileAt))
                    .build();
            out.add(new Rule(CloudRules.unique("always-blocked-smtp", ids), Action.DROP, smtp,
                    "GCP always blocks egress to tcp/25 on external addresses", fileAt, false).asStandIn());
        }
        List<FirewallRule> sorted = new ArrayList<>(rules.stream()
                .filter(r -> targets.isEmpty() || applies(r, targets.get())).toList());
        // unknown priorities first (uncertain: the rule may come anywhere), then by priority, deny first
        sorted.sort(Comparator.<FirewallRule>comparingInt(r -> r.priority().orElse(-1))
                .thenComparing(r -> !r.deny()));
        for (FirewallRule r : sorted) {
            out.addAll(rules(r, targets.isEmpty(), direction, names, ids));
        }
        Action implied = ingress ? Action.DROP : Action.ACCEPT;
        String impliedId = CloudRules.unique(ingress ? "implied-deny-ingress" : "implied-allow-egress", ids);
        out.add(new Rule(impliedId, implied, Match.any(), "the implied rule, priority 65535", fileAt, false).asStandIn());
        return new Ruleset(label, out, implied, fileAt);
    }

    /** True when a rule applies to an instance with these targets. */
    private static boolean applies(FirewallRule r, Set<String> targets) {
        return r.targetsAll() || r.targetTags().stream().anyMatch(t -> targets.contains("tag:" + t))
                || r.targetServiceAccounts().stream().anyMatch(s -> targets.contains("sa:" + s));
    }

    /** One rule per part: each service, each alternative of source and target addresses. */
    private static List<Rule> rules(FirewallRule r, boolean byAddress, Direction direction, AddressNames names,
            Set<String> ids) {
        boolean ingress = direction == Direction.INGRESS;
        SourceLocation at = r.location();
        AddressSet everyV4 = AddressSet.of(AddressSpecs.parse("0.0.0.0/0"));
        // the remote end: sources of ingress (ranges, tags, accounts), destinations of egress
        List<Resolved> remote;
        if (ingress) {
            List<Resolved> named = new ArrayList<>();
            r.sourceTags().forEach(t -> named.add(tag(names, t, at)));
            r.sourceServiceAccounts().forEach(s -> named.add(account(names, s, at)));
            boolean none = r.sourceRanges().isEmpty() && named.isEmpty();
            remote = CloudRules.union(none ? everyV4 : r.sourceRanges().orElse(AddressSet.empty()), named);
        } else {
            remote = List.of(new Resolved(r.destinationRanges().orElse(everyV4), Optional.empty(), ""));
        }
        // the instance's end: targets (by address in the network view) and the ranges given for it
        List<Resolved> local;
        if (byAddress && !r.targetsAll()) {
            List<Resolved> named = new ArrayList<>();
            r.targetTags().forEach(t -> named.add(tag(names, t, at)));
            r.targetServiceAccounts().forEach(s -> named.add(account(names, s, at)));
            local = CloudRules.union(AddressSet.empty(), named);
        } else {
            local = List.of(new Resolved(AddressSet.all(), Optional.empty(), ""));
        }
        Optional<AddressSet> localRanges = ingress ? r.destinationRanges() : r.sourceRanges();
        Action action = r.deny() ? Action.DROP : Action.ACCEPT;
        String comment = r.comment() + " [priority " + r.priority().map(String::valueOf).orElse("known after apply")
                + "]";
        List<Rule> out = new ArrayList<>();
        for (Match service : r.services()) {
            for (Resolved far : remote) {
                for (Resolved near : local) {
                    Match.Builder b = service.toBuilder();
                    far.applyTo(b, ingress);
                    AddressSet own = localRanges.map(x -> x.intersect(near.addresses())).orElse(near.addresses());
                    if (ingress) {
                        b.destinations(own);
                    } else {
                        b.sources(own);
                    }
                    near.unknown().ifPresent(b::unmodelled);
                    r.unknowns().forEach(b::unmodelled);
                    String id = CloudRules.unique(out.isEmpty() ? r.name() : r.name() + "." + (out.size() + 1), ids);
                    String notes = String.join("; ", List.of(far.note(), near.note()).stream()
                            .filter(n -> !n.isEmpty()).toList());
                    out.add(new Rule(id, action, b.build(), notes.isEmpty() ? comment : comment + " [" + notes + "]", at,
                            true));
                }
            }
        }
        return out;
    }

    private static Resolved tag(AddressNames names, String tag, SourceLocation at) {
        return CloudRules.resolve(names, tag, "network tag",
                "define '" + tag + "' with the addresses of the instances carrying it, in a members file or as a"
                        + " policy group, or select the instances with --ruleset NETWORK/tag:" + tag, at);
    }

    private static Resolved account(AddressNames names, String account, SourceLocation at) {
        return CloudRules.resolve(names, account, "service account",
                "define '" + account + "' with the addresses of its instances in a members file, or select them with"
                        + " --ruleset NETWORK/sa:" + account, at);
    }
}
