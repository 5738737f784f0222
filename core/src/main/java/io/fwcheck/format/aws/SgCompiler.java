package io.fwcheck.format.aws;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.cloud.AddressNames;
import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.cloud.CloudRules.Resolved;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns security groups into one ruleset for one direction (docs/formats-cloud.md): a packet is
 * accepted when it belongs to an accepted connection (security groups are stateful) or when any
 * rule of any of the groups allows it; otherwise it is dropped. Egress also passes the traffic
 * security groups never filter (instance metadata, Time Sync, the Amazon DNS server). Rules that
 * refer to a security group or a prefix list match their addresses when {@link AddressNames}
 * defines them, and are uncertain otherwise.
 */
public final class SgCompiler {

    /** Link-local services every instance reaches whatever its security groups say. */
    private static final List<String[]> ALWAYS_ALLOWED = List.of(
            new String[] {"instance-metadata", "169.254.169.254", "fd00:ec2::254"},
            new String[] {"time-sync", "169.254.169.123", "fd00:ec2::123"},
            new String[] {"amazon-dns", "169.254.169.253", "fd00:ec2::253"},
            new String[] {"ecs-task-metadata", "169.254.170.2", "169.254.170.23"},
            new String[] {"windows-activation", "169.254.169.250-169.254.169.251"});

    private SgCompiler() {}

    /**
     * The ruleset of some groups applied together (the groups of one network interface).
     *
     * @param groups the groups, at least one
     * @param direction which of their rules
     * @param names the addresses of the names rules refer to
     */
    public static Ruleset compile(List<SecurityGroup> groups, Direction direction, AddressNames names) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no security group");
        }
        SourceLocation at = groups.get(0).location();
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        rules.add(CloudRules.returnTraffic(at, groups.stream().flatMap(g -> g.rules().stream()).map(SgRule::id).toList()));
        ids.add(rules.get(0).id());
        if (direction == Direction.EGRESS) {
            rules.addAll(alwaysAllowed(at, ids));
        }
        for (SecurityGroup g : groups) {
            for (SgRule r : g.rules()) {
                if (r.direction() == direction) {
                    rules.add(rule(r, CloudRules.unique(r.id(), ids), direction, names));
                }
            }
            int n = 1;
            for (Unmodelled open : g.open()) {
                String id = g.id() + "/" + direction.label() + "#other" + (g.open().size() > 1 ? "." + n++ : "");
                rules.add(new Rule(CloudRules.unique(id, ids), Action.ACCEPT, Match.builder().unmodelled(open).build(),
                        "rules of " + g.id() + " not in this input", open.location(), false).asStandIn());
            }
        }
        String name = "aws " + groups.stream().map(SecurityGroup::id).collect(Collectors.joining("+")) + " "
                + direction.label();
        return new Ruleset(name, rules, Action.DROP, at);
    }

    private static Rule rule(SgRule r, String id, Direction direction, AddressNames names) {
        Match.Builder b = r.service().toBuilder();
        boolean source = direction == Direction.INGRESS;
        String note = "";
        Peer peer = r.peer();
        if (peer instanceof Peer.Addresses a) {
            if (source) {
                b.sources(a.addresses());
            } else {
                b.destinations(a.addresses());
            }
        } else if (peer instanceof Peer.PrefixList p) {
            Resolved resolved = CloudRules.resolve(names, p.id(), "prefix list",
                    "define '" + p.id() + "' with its CIDR blocks in a members file or as a policy group", r.location());
            resolved.applyTo(b, source);
            note = resolved.note();
        } else if (peer instanceof Peer.Group g) {
            Resolved resolved = CloudRules.resolve(names, g.id(), "security group",
                    "give its members with --sg-members (describe-network-interfaces output or a members file)",
                    r.location());
            resolved.applyTo(b, source);
            note = resolved.note();
        } else if (peer instanceof Peer.Unknown u) {
            b.unmodelled(u.why());
        }
        r.unknowns().forEach(b::unmodelled);
        String comment = note.isEmpty() ? r.comment() : r.comment() + " [" + note + "]";
        return new Rule(id, Action.ACCEPT, b.build(), comment, r.location(), r.named());
    }

    private static List<Rule> alwaysAllowed(SourceLocation at, Set<String> taken) {
        List<Rule> out = new ArrayList<>();
        for (String[] service : ALWAYS_ALLOWED) {
            List<AddressRange> ranges = new ArrayList<>();
            for (int i = 1; i < service.length; i++) {
                ranges.add(AddressSpecs.parse(service[i]));
            }
            out.add(new Rule(CloudRules.unique("always-" + service[0], taken), Action.ACCEPT,
                    Match.builder().destinations(AddressSet.of(ranges)).build(),
                    "security groups do not filter this traffic", at, false).asStandIn());
        }
        // the Amazon DNS server at the VPC's base address + 2 and DHCP: addresses this input does not show
        for (int port : new int[] {53, 67}) {
            for (int protocol : port == 53 ? new int[] {Protocol.UDP, Protocol.TCP} : new int[] {Protocol.UDP}) {
                String what = port == 53 ? "the Amazon DNS server (the VPC's base address + 2)" : "the VPC's DHCP server";
                Match m = Match.builder().families(Set.of(IpFamily.IPV4)).protocol(protocol)
                        .destinationPorts(IntRanges.of(port))
                        .unmodelled(new Unmodelled("traffic to " + what + ", which security groups do not filter", at))
                        .build();
                String id = "always-" + (port == 53 ? "vpc-dns-" : "dhcp-") + Protocol.name(protocol);
                out.add(new Rule(CloudRules.unique(id, taken), Action.ACCEPT, m,
                        "security groups do not filter this traffic; its address depends on the VPC", at, false).asStandIn());
            }
        }
        return out;
    }
}
