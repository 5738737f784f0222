package io.fwcheck.format.nftables;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The symbolic constants nftables prints and accepts: protocol names (as in {@code /etc/protocols},
 * which nft uses when it prints), ICMP and ICMPv6 types and codes, well-known service names,
 * netfilter families, ethertypes and named chain priorities. Fixed tables, so that reading a
 * ruleset never depends on the machine it runs on.
 */
final class NftNames {

    private NftNames() {}

    static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("ip", 0), Map.entry("hopopt", 0), Map.entry("icmp", 1), Map.entry("igmp", 2),
            Map.entry("ggp", 3), Map.entry("ipencap", 4), Map.entry("st", 5), Map.entry("tcp", 6),
            Map.entry("egp", 8), Map.entry("igp", 9), Map.entry("pup", 12), Map.entry("udp", 17),
            Map.entry("hmp", 20), Map.entry("xns-idp", 22), Map.entry("rdp", 27), Map.entry("iso-tp4", 29),
            Map.entry("dccp", 33), Map.entry("xtp", 36), Map.entry("ddp", 37), Map.entry("idpr-cmtp", 38),
            Map.entry("ipv6", 41), Map.entry("ipv6-route", 43), Map.entry("ipv6-frag", 44), Map.entry("idrp", 45),
            Map.entry("rsvp", 46), Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51),
            Map.entry("skip", 57), Map.entry("ipv6-icmp", 58), Map.entry("icmpv6", 58), Map.entry("ipv6-nonxt", 59),
            Map.entry("ipv6-opts", 60), Map.entry("rspf", 73), Map.entry("vmtp", 81), Map.entry("eigrp", 88),
            Map.entry("ospf", 89), Map.entry("ax.25", 93), Map.entry("ipip", 94), Map.entry("etherip", 97),
            Map.entry("encap", 98), Map.entry("pim", 103), Map.entry("ipcomp", 108), Map.entry("comp", 108),
            Map.entry("vrrp", 112), Map.entry("l2tp", 115), Map.entry("isis", 124), Map.entry("sctp", 132),
            Map.entry("fc", 133), Map.entry("mobility-header", 135), Map.entry("udplite", 136),
            Map.entry("mpls-in-ip", 137), Map.entry("manet", 138), Map.entry("hip", 139), Map.entry("shim6", 140),
            Map.entry("wesp", 141), Map.entry("rohc", 142), Map.entry("ethernet", 143));

    static final Map<String, Integer> ICMP_TYPES = Map.ofEntries(
            Map.entry("echo-reply", 0), Map.entry("destination-unreachable", 3), Map.entry("source-quench", 4),
            Map.entry("redirect", 5), Map.entry("echo-request", 8), Map.entry("router-advertisement", 9),
            Map.entry("router-solicitation", 10), Map.entry("time-exceeded", 11), Map.entry("parameter-problem", 12),
            Map.entry("timestamp-request", 13), Map.entry("timestamp-reply", 14), Map.entry("info-request", 15),
            Map.entry("info-reply", 16), Map.entry("address-mask-request", 17), Map.entry("address-mask-reply", 18));

    static final Map<String, Integer> ICMPV6_TYPES = Map.ofEntries(
            Map.entry("destination-unreachable", 1), Map.entry("packet-too-big", 2), Map.entry("time-exceeded", 3),
            Map.entry("parameter-problem", 4), Map.entry("echo-request", 128), Map.entry("echo-reply", 129),
            Map.entry("mld-listener-query", 130), Map.entry("mld-listener-report", 131),
            Map.entry("mld-listener-done", 132), Map.entry("mld-listener-reduction", 132),
            Map.entry("nd-router-solicit", 133), Map.entry("nd-router-advert", 134),
            Map.entry("nd-neighbor-solicit", 135), Map.entry("nd-neighbor-advert", 136), Map.entry("nd-redirect", 137),
            Map.entry("router-renumbering", 138), Map.entry("ind-neighbor-solicit", 141),
            Map.entry("ind-neighbor-advert", 142), Map.entry("mld2-listener-report", 143));

    static final Map<String, Integer> ICMP_CODES = Map.ofEntries(
            Map.entry("net-unreachable", 0), Map.entry("host-unreachable", 1), Map.entry("prot-unreachable", 2),
            Map.entry("port-unreachable", 3), Map.entry("frag-needed", 4), Map.entry("net-prohibited", 9),
            Map.entry("host-prohibited", 10), Map.entry("admin-prohibited", 13));

    static final Map<String, Integer> ICMPV6_CODES = Map.ofEntries(
            Map.entry("no-route", 0), Map.entry("admin-prohibited", 1), Map.entry("addr-unreachable", 3),
            Map.entry("port-unreachable", 4), Map.entry("policy-fail", 5), Map.entry("reject-route", 6));

    /**
     * Service names nft accepts for ports ({@code nft -j} prints numbers; hand-written JSON may use
     * these). Any other name is an error rather than a lookup on this machine.
     */
    static final Map<String, Integer> SERVICES = Map.ofEntries(
            Map.entry("ftp-data", 20), Map.entry("ftp", 21), Map.entry("ssh", 22), Map.entry("telnet", 23),
            Map.entry("smtp", 25), Map.entry("domain", 53), Map.entry("bootps", 67), Map.entry("bootpc", 68),
            Map.entry("tftp", 69), Map.entry("http", 80), Map.entry("kerberos", 88), Map.entry("pop3", 110),
            Map.entry("sunrpc", 111), Map.entry("ntp", 123), Map.entry("imap", 143), Map.entry("imap2", 143),
            Map.entry("snmp", 161), Map.entry("bgp", 179), Map.entry("ldap", 389), Map.entry("https", 443),
            Map.entry("submissions", 465), Map.entry("syslog", 514), Map.entry("submission", 587),
            Map.entry("ldaps", 636), Map.entry("imaps", 993), Map.entry("pop3s", 995), Map.entry("mysql", 3306),
            Map.entry("postgresql", 5432));

    /** Connection states as conntrack bits; a packet has exactly one. */
    static final Map<String, Integer> CT_STATES = Map.of(
            "invalid", 0x01, "established", 0x02, "related", 0x04, "new", 0x08, "untracked", 0x40);

    static final Map<String, Integer> NFPROTO = Map.of("ipv4", 2, "ipv6", 10);

    static final Map<String, Integer> ETHERTYPES = Map.of(
            "ip", 0x0800, "arp", 0x0806, "ip6", 0x86dd, "vlan", 0x8100, "8021ad", 0x88a8);

    /** Named priorities of the ip, ip6 and inet families. */
    static final Map<String, Integer> PRIORITIES = Map.of(
            "raw", -300, "mangle", -150, "dstnat", -100, "filter", 0, "security", 50, "srcnat", 100);

    static OptionalInt lookup(Map<String, Integer> table, String name) {
        Integer value = table.get(name);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
