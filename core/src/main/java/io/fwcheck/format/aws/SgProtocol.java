package io.fwcheck.format.aws;

import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.Locale;
import java.util.Optional;

/**
 * The protocol and ports of an AWS rule ({@code IpProtocol}, {@code FromPort}, {@code ToPort}, and
 * the same in Terraform and network ACLs), as the packets they match: {@code -1} (or {@code all})
 * is every protocol; tcp and udp take a port range; icmp and icmpv6 take the ICMP type in
 * {@code FromPort} and the code in {@code ToPort}, {@code -1} meaning any; for any other protocol
 * (a number) ports do not apply.
 */
public final class SgProtocol {

    static final String EXPECTED = "tcp, udp, icmp, icmpv6, -1 (every protocol) or a protocol number 0-255";

    private SgProtocol() {}

    /** True when the protocol text means every protocol. */
    public static boolean isAll(String protocol) {
        return protocol.equals("-1") || protocol.equalsIgnoreCase("all");
    }

    /**
     * The packets a protocol and port range allow.
     *
     * @param protocol {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code -1}, {@code all} or a number
     * @param from the first port, or the ICMP type; empty when not given
     * @param to the last port, or the ICMP code; empty when not given
     * @throws IllegalArgumentException naming the problem and ending in {@code (expected …)}
     */
    public static Match parse(String protocol, Optional<Long> from, Optional<Long> to) {
        if (isAll(protocol)) {
            return Match.any();
        }
        int number = number(protocol);
        Match.Builder b = Match.builder().protocol(number);
        if (number == Protocol.TCP || number == Protocol.UDP) {
            if (from.isEmpty() && to.isEmpty() || from.orElse(0L) == -1 && to.orElse(0L) == -1) {
                return b.build();
            }
            if (from.isEmpty() || to.isEmpty()) {
                throw new IllegalArgumentException("a port range with only " + (from.isEmpty() ? "its last" : "its first")
                        + " port (expected both FromPort and ToPort, 0-65535)");
            }
            long lo = from.get();
            long hi = to.get();
            if (lo < 0 || hi > Match.PORT_MAX || lo > hi) {
                throw new IllegalArgumentException("port range " + lo + "-" + hi + " is not valid"
                        + " (expected FromPort <= ToPort, both 0-65535)");
            }
            return b.destinationPorts(IntRanges.range((int) lo, (int) hi)).build();
        }
        if (number == Protocol.ICMP || number == Protocol.ICMPV6) {
            long type = from.orElse(-1L);
            long code = to.orElse(-1L);
            if (type < -1 || type > 255 || code < -1 || code > 255) {
                throw new IllegalArgumentException("ICMP type " + type + " and code " + code + " are not valid"
                        + " (expected a type 0-255 in FromPort and a code 0-255 in ToPort, -1 for any)");
            }
            if (type == -1) {
                if (code != -1) {
                    throw new IllegalArgumentException("ICMP code " + code + " with every type (-1)"
                            + " (expected code -1 when the type is -1)");
                }
                return b.build();
            }
            int t = (int) type << 8;
            return code == -1 ? b.icmp(IntRanges.range(t, t | 0xFF)).build() : b.icmp(IntRanges.of(t | (int) code)).build();
        }
        return b.build();
    }

    /** The protocol number of a name or number. */
    static int number(String protocol) {
        String p = protocol.toLowerCase(Locale.ROOT);
        switch (p) {
            case "tcp" -> {
                return Protocol.TCP;
            }
            case "udp" -> {
                return Protocol.UDP;
            }
            case "icmp" -> {
                return Protocol.ICMP;
            }
            case "icmpv6" -> {
                return Protocol.ICMPV6;
            }
            default -> {
                if (p.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(p) <= Protocol.MAX) {
                    return Integer.parseInt(p);
                }
                throw new IllegalArgumentException("unknown protocol '" + protocol + "' (expected " + EXPECTED + ")");
            }
        }
    }
}
