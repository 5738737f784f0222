package io.fwcheck.format.iptables;

import java.util.Locale;
import java.util.Map;

/**
 * The ICMP and ICMPv6 type names iptables and ip6tables accept ({@code libxt_icmp},
 * {@code libip6t_icmp6}): each name is a type and a range of codes.
 */
final class IcmpNames {

    private IcmpNames() {}

    /** {type, lowest code, highest code}; type 255 with codes 0–255 is iptables' "any". */
    private static final Map<String, int[]> ICMP = Map.ofEntries(
            Map.entry("any", new int[] {255, 0, 255}),
            Map.entry("echo-reply", new int[] {0, 0, 255}),
            Map.entry("pong", new int[] {0, 0, 255}),
            Map.entry("destination-unreachable", new int[] {3, 0, 255}),
            Map.entry("network-unreachable", new int[] {3, 0, 0}),
            Map.entry("host-unreachable", new int[] {3, 1, 1}),
            Map.entry("protocol-unreachable", new int[] {3, 2, 2}),
            Map.entry("port-unreachable", new int[] {3, 3, 3}),
            Map.entry("fragmentation-needed", new int[] {3, 4, 4}),
            Map.entry("source-route-failed", new int[] {3, 5, 5}),
            Map.entry("network-unknown", new int[] {3, 6, 6}),
            Map.entry("host-unknown", new int[] {3, 7, 7}),
            Map.entry("network-prohibited", new int[] {3, 9, 9}),
            Map.entry("host-prohibited", new int[] {3, 10, 10}),
            Map.entry("tos-network-unreachable", new int[] {3, 11, 11}),
            Map.entry("tos-host-unreachable", new int[] {3, 12, 12}),
            Map.entry("communication-prohibited", new int[] {3, 13, 13}),
            Map.entry("host-precedence-violation", new int[] {3, 14, 14}),
            Map.entry("precedence-cutoff", new int[] {3, 15, 15}),
            Map.entry("source-quench", new int[] {4, 0, 255}),
            Map.entry("redirect", new int[] {5, 0, 255}),
            Map.entry("network-redirect", new int[] {5, 0, 0}),
            Map.entry("host-redirect", new int[] {5, 1, 1}),
            Map.entry("tos-network-redirect", new int[] {5, 2, 2}),
            Map.entry("tos-host-redirect", new int[] {5, 3, 3}),
            Map.entry("echo-request", new int[] {8, 0, 255}),
            Map.entry("ping", new int[] {8, 0, 255}),
            Map.entry("router-advertisement", new int[] {9, 0, 255}),
            Map.entry("router-solicitation", new int[] {10, 0, 255}),
            Map.entry("time-exceeded", new int[] {11, 0, 255}),
            Map.entry("ttl-exceeded", new int[] {11, 0, 255}),
            Map.entry("ttl-zero-during-transit", new int[] {11, 0, 0}),
            Map.entry("ttl-zero-during-reassembly", new int[] {11, 1, 1}),
            Map.entry("parameter-problem", new int[] {12, 0, 255}),
            Map.entry("ip-header-bad", new int[] {12, 0, 0}),
            Map.entry("required-option-missing", new int[] {12, 1, 1}),
            Map.entry("timestamp-request", new int[] {13, 0, 255}),
            Map.entry("timestamp-reply", new int[] {14, 0, 255}),
            Map.entry("address-mask-request", new int[] {17, 0, 255}),
            Map.entry("address-mask-reply", new int[] {18, 0, 255}));

    private static final Map<String, int[]> ICMPV6 = Map.ofEntries(
            Map.entry("destination-unreachable", new int[] {1, 0, 255}),
            Map.entry("no-route", new int[] {1, 0, 0}),
            Map.entry("communication-prohibited", new int[] {1, 1, 1}),
            Map.entry("beyond-scope", new int[] {1, 2, 2}),
            Map.entry("address-unreachable", new int[] {1, 3, 3}),
            Map.entry("port-unreachable", new int[] {1, 4, 4}),
            Map.entry("failed-policy", new int[] {1, 5, 5}),
            Map.entry("reject-route", new int[] {1, 6, 6}),
            Map.entry("packet-too-big", new int[] {2, 0, 255}),
            Map.entry("time-exceeded", new int[] {3, 0, 255}),
            Map.entry("ttl-exceeded", new int[] {3, 0, 255}),
            Map.entry("ttl-zero-during-transit", new int[] {3, 0, 0}),
            Map.entry("ttl-zero-during-reassembly", new int[] {3, 1, 1}),
            Map.entry("parameter-problem", new int[] {4, 0, 255}),
            Map.entry("bad-header", new int[] {4, 0, 0}),
            Map.entry("unknown-header-type", new int[] {4, 1, 1}),
            Map.entry("unknown-option", new int[] {4, 2, 2}),
            Map.entry("echo-request", new int[] {128, 0, 255}),
            Map.entry("ping", new int[] {128, 0, 255}),
            Map.entry("echo-reply", new int[] {129, 0, 255}),
            Map.entry("pong", new int[] {129, 0, 255}),
            Map.entry("mld-listener-query", new int[] {130, 0, 255}),
            Map.entry("mld-listener-report", new int[] {131, 0, 255}),
            Map.entry("mld-listener-done", new int[] {132, 0, 255}),
            Map.entry("mld-listener-reduction", new int[] {132, 0, 255}),
            Map.entry("router-solicitation", new int[] {133, 0, 255}),
            Map.entry("router-advertisement", new int[] {134, 0, 255}),
            Map.entry("neighbour-solicitation", new int[] {135, 0, 255}),
            Map.entry("neighbor-solicitation", new int[] {135, 0, 255}),
            Map.entry("neighbour-advertisement", new int[] {136, 0, 255}),
            Map.entry("neighbor-advertisement", new int[] {136, 0, 255}),
            Map.entry("redirect", new int[] {137, 0, 255}));

    /** {type, lowest code, highest code} for an ICMP (or, with {@code v6}, ICMPv6) name, or null. */
    static int[] lookup(String name, boolean v6) {
        return (v6 ? ICMPV6 : ICMP).get(name.toLowerCase(Locale.ROOT));
    }
}
