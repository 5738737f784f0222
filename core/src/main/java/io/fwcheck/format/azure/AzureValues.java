package io.fwcheck.format.azure;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values of NSG rules as Azure writes them, in {@code az} output and in Terraform alike:
 * protocols ({@code Tcp}, {@code Udp}, {@code Icmp}, {@code Esp}, {@code Ah}, {@code *}), port
 * ranges ({@code *}, {@code 80}, {@code 1000-2000}), address prefixes ({@code *}, CIDR blocks,
 * addresses, service tags), and the default rules every NSG has.
 */
public final class AzureValues {

    private static final Pattern SERVICE_TAG = Pattern.compile("[A-Za-z][A-Za-z0-9]*([.-][A-Za-z0-9]+)*");
    private static final String EXPECTED_PROTOCOL = "Tcp, Udp, Icmp, Esp, Ah or * (any)";

    private AzureValues() {}

    /**
     * The packets of a protocol and port ranges: one match, or for {@code Icmp} two, ICMP for IPv4
     * and an uncertain ICMPv6 for IPv6 (whether Azure's Icmp covers ICMPv6 is not modelled).
     * Ports of protocols without ports make the rule uncertain.
     *
     * @param sourcePorts port ranges; empty or {@code *} for any
     * @param destinationPorts port ranges; empty or {@code *} for any
     * @param at where the rule is, for unmodelled conditions
     * @throws IllegalArgumentException naming the problem and ending in {@code (expected …)}
     */
    public static List<Match> services(String protocol, List<String> sourcePorts, List<String> destinationPorts,
            SourceLocation at) {
        Optional<IntRanges> src = ports(sourcePorts);
        Optional<IntRanges> dst = ports(destinationPorts);
        String p = protocol.toLowerCase(Locale.ROOT);
        Match.Builder b = Match.builder();
        switch (p) {
            case "*", "any" -> {
                // every protocol; ports, when given, match the protocols that have them
            }
            case "tcp" -> b.protocol(Protocol.TCP);
            case "udp" -> b.protocol(Protocol.UDP);
            case "esp" -> b.protocol(Protocol.ESP);
            case "ah" -> b.protocol(Protocol.AH);
            case "icmp" -> {
                List<Unmodelled> ports = new ArrayList<>();
                if (src.isPresent() || dst.isPresent()) {
                    ports.add(new Unmodelled("ports with protocol Icmp", at));
                }
                Match.Builder v4 = Match.builder().families(Set.of(IpFamily.IPV4)).protocol(Protocol.ICMP);
                Match.Builder v6 = Match.builder().families(Set.of(IpFamily.IPV6)).protocol(Protocol.ICMPV6)
                        .unmodelled(new Unmodelled("protocol Icmp for IPv6 packets (whether it matches ICMPv6 is"
                                + " not modelled)", at));
                ports.forEach(v4::unmodelled);
                ports.forEach(v6::unmodelled);
                return List.of(v4.build(), v6.build());
            }
            default -> throw new IllegalArgumentException("unknown protocol '" + protocol + "' (expected "
                    + EXPECTED_PROTOCOL + ")");
        }
        if ((p.equals("esp") || p.equals("ah")) && (src.isPresent() || dst.isPresent())) {
            return List.of(b.unmodelled(new Unmodelled("ports with protocol " + protocol, at)).build());
        }
        src.ifPresent(b::sourcePorts);
        dst.ifPresent(b::destinationPorts);
        return List.of(b.build());
    }

    /** Port ranges; empty for any ({@code *} or nothing). */
    static Optional<IntRanges> ports(List<String> ranges) {
        List<int[]> out = new ArrayList<>();
        for (String text : ranges) {
            String t = text.strip();
            if (t.equals("*")) {
                return Optional.empty();
            }
            out.add(CloudRules.portRange(t));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(IntRanges.ofPairs(out));
    }

    /**
     * A source or destination prefix: {@code *} (or {@code Any}) for every address, a CIDR block or
     * an address, or a service tag.
     *
     * @throws IllegalArgumentException naming the problem and ending in {@code (expected …)}
     */
    public static AddressItem prefix(String text) {
        String t = text.strip();
        if (t.equals("*") || t.equalsIgnoreCase("any")) {
            return new AddressItem.Addresses(AddressSet.all());
        }
        if (t.indexOf(':') >= 0 || t.indexOf('/') >= 0 || Character.isDigit(t.isEmpty() ? 'x' : t.charAt(0))) {
            return new AddressItem.Addresses(AddressSet.of(AddressSpecs.parse(t)));
        }
        if (!SERVICE_TAG.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an address prefix or a service tag"
                    + " (expected *, a CIDR block such as 10.0.1.0/24, an address or a service tag such as Internet)");
        }
        return new AddressItem.ServiceTag(t);
    }

    /** The name of an application security group from its resource id ({@code …/applicationSecurityGroups/NAME}). */
    public static String groupName(String id) {
        String t = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return t.substring(t.lastIndexOf('/') + 1);
    }

    /**
     * The default rules of every NSG, as Azure defines them: allow within the virtual network,
     * allow from the load balancer (inbound) or to the internet (outbound), then deny.
     */
    public static List<NsgRule> defaults(SourceLocation at) {
        List<NsgRule> out = new ArrayList<>();
        AddressItem any = new AddressItem.Addresses(AddressSet.all());
        AddressItem vnet = new AddressItem.ServiceTag("VirtualNetwork");
        String comment = "Azure default rule (every NSG has it; not in the input)";
        List<Match> all = List.of(Match.any());
        out.add(new NsgRule("AllowVnetInBound", Direction.INGRESS, Optional.of(65000), false, all, List.of(vnet),
                List.of(vnet), comment, at, List.of(), true));
        out.add(new NsgRule("AllowAzureLoadBalancerInBound", Direction.INGRESS, Optional.of(65001), false, all,
                List.of(new AddressItem.ServiceTag("AzureLoadBalancer")), List.of(any), comment, at, List.of(), true));
        out.add(new NsgRule("DenyAllInBound", Direction.INGRESS, Optional.of(65500), true, all, List.of(any), List.of(any),
                comment, at, List.of(), true));
        out.add(new NsgRule("AllowVnetOutBound", Direction.EGRESS, Optional.of(65000), false, all, List.of(vnet),
                List.of(vnet), comment, at, List.of(), true));
        out.add(new NsgRule("AllowInternetOutBound", Direction.EGRESS, Optional.of(65001), false, all, List.of(any),
                List.of(new AddressItem.ServiceTag("Internet")), comment, at, List.of(), true));
        out.add(new NsgRule("DenyAllOutBound", Direction.EGRESS, Optional.of(65500), true, all, List.of(any), List.of(any),
                comment, at, List.of(), true));
        return out;
    }
}
