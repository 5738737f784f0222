package io.fwcheck.format.cisco;

import io.fwcheck.model.Protocol;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The keywords IOS and ASA print for protocols, ports and ICMP types ({@code show running-config}
 * writes well-known numbers as these names). Names that are not here are never guessed: the
 * entry that uses one is uncertain.
 */
final class CiscoNames {

    private CiscoNames() {}

    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(
            Map.entry("icmp", Protocol.ICMP),
            Map.entry("igmp", Protocol.IGMP),
            Map.entry("ipinip", 4),
            Map.entry("tcp", Protocol.TCP),
            Map.entry("igrp", 9),
            Map.entry("udp", Protocol.UDP),
            Map.entry("gre", Protocol.GRE),
            Map.entry("pptp", Protocol.GRE),
            Map.entry("esp", Protocol.ESP),
            Map.entry("ipsec", Protocol.ESP),
            Map.entry("ahp", Protocol.AH),
            Map.entry("ah", Protocol.AH),
            Map.entry("eigrp", 88),
            Map.entry("ospf", 89),
            Map.entry("nos", 94),
            Map.entry("pim", 103),
            Map.entry("pcp", 108),
            Map.entry("snp", 109),
            Map.entry("sctp", Protocol.SCTP));

    /** TCP port keywords of IOS and ASA (both agree where both have a name). */
    private static final Map<String, Integer> TCP_PORTS = Map.ofEntries(
            Map.entry("aol", 5190), Map.entry("bgp", 179), Map.entry("chargen", 19), Map.entry("cifs", 3020),
            Map.entry("citrix-ica", 1494), Map.entry("cmd", 514), Map.entry("ctiqbe", 2748), Map.entry("daytime", 13),
            Map.entry("discard", 9), Map.entry("domain", 53), Map.entry("drip", 3949), Map.entry("echo", 7),
            Map.entry("exec", 512), Map.entry("finger", 79), Map.entry("ftp", 21), Map.entry("ftp-data", 20),
            Map.entry("gopher", 70), Map.entry("h323", 1720), Map.entry("hostname", 101), Map.entry("http", 80),
            Map.entry("https", 443), Map.entry("ident", 113), Map.entry("imap4", 143), Map.entry("irc", 194),
            Map.entry("kerberos", 750), Map.entry("klogin", 543), Map.entry("kshell", 544), Map.entry("ldap", 389),
            Map.entry("ldaps", 636), Map.entry("login", 513), Map.entry("lotusnotes", 1352), Map.entry("lpd", 515),
            Map.entry("msrpc", 135), Map.entry("netbios-ssn", 139), Map.entry("nfs", 2049), Map.entry("nntp", 119),
            Map.entry("onep-plain", 15001), Map.entry("onep-tls", 15002), Map.entry("pcanywhere-data", 5631),
            Map.entry("pim-auto-rp", 496), Map.entry("pop2", 109), Map.entry("pop3", 110), Map.entry("pptp", 1723),
            Map.entry("rsh", 514), Map.entry("rtsp", 554), Map.entry("sip", 5060), Map.entry("smtp", 25),
            Map.entry("sqlnet", 1521), Map.entry("ssh", 22), Map.entry("sunrpc", 111), Map.entry("tacacs", 49),
            Map.entry("talk", 517), Map.entry("telnet", 23), Map.entry("time", 37), Map.entry("uucp", 540),
            Map.entry("whois", 43), Map.entry("www", 80));

    /** UDP port keywords of IOS and ASA. */
    private static final Map<String, Integer> UDP_PORTS = Map.ofEntries(
            Map.entry("biff", 512), Map.entry("bootpc", 68), Map.entry("bootps", 67), Map.entry("cifs", 3020),
            Map.entry("discard", 9), Map.entry("dnsix", 195), Map.entry("domain", 53), Map.entry("echo", 7),
            Map.entry("http", 80), Map.entry("isakmp", 500), Map.entry("kerberos", 750), Map.entry("mobile-ip", 434),
            Map.entry("nameserver", 42), Map.entry("netbios-dgm", 138), Map.entry("netbios-ns", 137),
            Map.entry("netbios-ss", 139), Map.entry("nfs", 2049), Map.entry("non500-isakmp", 4500), Map.entry("ntp", 123),
            Map.entry("pcanywhere-status", 5632), Map.entry("pim-auto-rp", 496), Map.entry("radius", 1645),
            Map.entry("radius-acct", 1646), Map.entry("rip", 520), Map.entry("secureid-udp", 5510), Map.entry("sip", 5060),
            Map.entry("snmp", 161), Map.entry("snmptrap", 162), Map.entry("sunrpc", 111), Map.entry("syslog", 514),
            Map.entry("tacacs", 49), Map.entry("talk", 517), Map.entry("tftp", 69), Map.entry("time", 37),
            Map.entry("vxlan", 4789), Map.entry("who", 513), Map.entry("www", 80), Map.entry("xdmcp", 177));

    /** IPv4 ICMP keywords: {type, lowest code, highest code}. */
    private static final Map<String, int[]> ICMP = new HashMap<>();
    /** ICMPv6 keywords of IPv6 access lists and ASA's icmp6. */
    private static final Map<String, int[]> ICMP6 = new HashMap<>();

    static {
        icmp("echo-reply", 0, -1);
        icmp("unreachable", 3, -1);
        icmp("net-unreachable", 3, 0);
        icmp("host-unreachable", 3, 1);
        icmp("protocol-unreachable", 3, 2);
        icmp("port-unreachable", 3, 3);
        icmp("packet-too-big", 3, 4);
        icmp("source-route-failed", 3, 5);
        icmp("network-unknown", 3, 6);
        icmp("host-unknown", 3, 7);
        icmp("host-isolated", 3, 8);
        icmp("dod-net-prohibited", 3, 9);
        icmp("dod-host-prohibited", 3, 10);
        icmp("net-tos-unreachable", 3, 11);
        icmp("host-tos-unreachable", 3, 12);
        icmp("administratively-prohibited", 3, 13);
        icmp("host-precedence-unreachable", 3, 14);
        icmp("precedence-unreachable", 3, 15);
        icmp("source-quench", 4, -1);
        icmp("redirect", 5, -1);
        icmp("net-redirect", 5, 0);
        icmp("host-redirect", 5, 1);
        icmp("net-tos-redirect", 5, 2);
        icmp("host-tos-redirect", 5, 3);
        icmp("alternate-address", 6, -1);
        icmp("echo", 8, -1);
        icmp("router-advertisement", 9, -1);
        icmp("router-solicitation", 10, -1);
        icmp("time-exceeded", 11, -1);
        icmp("ttl-exceeded", 11, 0);
        icmp("reassembly-timeout", 11, 1);
        icmp("parameter-problem", 12, -1);
        icmp("general-parameter-problem", 12, 0);
        icmp("option-missing", 12, 1);
        icmp("no-room-for-option", 12, 2);
        icmp("timestamp-request", 13, -1);
        icmp("timestamp-reply", 14, -1);
        icmp("information-request", 15, -1);
        icmp("information-reply", 16, -1);
        icmp("mask-request", 17, -1);
        icmp("mask-reply", 18, -1);
        icmp("traceroute", 30, -1);
        icmp("conversion-error", 31, -1);
        icmp("mobile-redirect", 32, -1);

        icmp6("unreachable", 1, -1);
        icmp6("destination-unreachable", 1, -1);
        icmp6("no-route", 1, 0);
        icmp6("no-admin", 1, 1);
        icmp6("beyond-scope", 1, 2);
        icmp6("address-unreachable", 1, 3);
        icmp6("port-unreachable", 1, 4);
        icmp6("packet-too-big", 2, -1);
        icmp6("time-exceeded", 3, -1);
        icmp6("hop-limit", 3, 0);
        icmp6("reassembly-timeout", 3, 1);
        icmp6("parameter-problem", 4, -1);
        icmp6("header", 4, 0);
        icmp6("next-header", 4, 1);
        icmp6("parameter-option", 4, 2);
        icmp6("echo-request", 128, -1);
        icmp6("echo", 128, -1);
        icmp6("echo-reply", 129, -1);
        icmp6("mld-query", 130, -1);
        icmp6("membership-query", 130, -1);
        icmp6("mld-report", 131, -1);
        icmp6("membership-report", 131, -1);
        icmp6("mld-reduction", 132, -1);
        icmp6("membership-reduction", 132, -1);
        icmp6("router-solicitation", 133, -1);
        icmp6("router-advertisement", 134, -1);
        icmp6("nd-ns", 135, -1);
        icmp6("neighbor-solicitation", 135, -1);
        icmp6("nd-na", 136, -1);
        icmp6("neighbor-advertisement", 136, -1);
        icmp6("neighbor-redirect", 137, -1);
        icmp6("redirect", 137, -1);
        icmp6("router-renumbering", 138, -1);
        icmp6("renum-command", 138, 0);
        icmp6("renum-result", 138, 1);
        icmp6("renum-seq-number", 138, 255);
        icmp6("mldv2", 143, -1);
    }

    private static void icmp(String name, int type, int code) {
        ICMP.put(name, code < 0 ? new int[] {type, 0, 255} : new int[] {type, code, code});
    }

    private static void icmp6(String name, int type, int code) {
        ICMP6.put(name, code < 0 ? new int[] {type, 0, 255} : new int[] {type, code, code});
    }

    /**
     * A protocol keyword or number 0–255 (without {@code ip}, {@code ipv6}, {@code icmp6}, which
     * mean all protocols or depend on the family; the caller handles those).
     */
    static OptionalInt protocol(String word) {
        Integer known = PROTOCOLS.get(word);
        if (known != null) {
            return OptionalInt.of(known);
        }
        return number(word, 255);
    }

    /** A port keyword of the protocol (TCP, UDP; both must agree for {@code tcp-udp}), or empty. */
    static OptionalInt port(String word, int protocol) {
        Integer p = switch (protocol) {
            case Protocol.TCP -> TCP_PORTS.get(word);
            case Protocol.UDP -> UDP_PORTS.get(word);
            default -> null;
        };
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /** An ICMP (IPv4) or ICMPv6 keyword: {type, lowest code, highest code}, or null. */
    static int[] icmp(String word, boolean v6) {
        return (v6 ? ICMP6 : ICMP).get(word);
    }

    /** A decimal number 0–max without leading zeros, or empty. */
    static OptionalInt number(String word, int max) {
        if (word.isEmpty() || word.length() > 10 || (word.length() > 1 && word.charAt(0) == '0')) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        long v = Long.parseLong(word);
        return v <= max ? OptionalInt.of((int) v) : OptionalInt.empty();
    }

    /** True when the word is all digits. */
    static boolean isDigits(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
