package io.fwcheck.format.gcp;

import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code allowed} or {@code denied} item of a GCP firewall rule as the packets it matches: a
 * protocol ({@code tcp}, {@code udp}, {@code icmp}, {@code esp}, {@code ah}, {@code sctp},
 * {@code ipip}, {@code all} or a number) and, for tcp, udp and sctp, optional ports ({@code 22},
 * {@code 1024-65535}).
 */
public final class GcpProtocol {

    private static final Map<String, Integer> NAMES = Map.of("tcp", Protocol.TCP, "udp", Protocol.UDP, "icmp",
            Protocol.ICMP, "esp", Protocol.ESP, "ah", Protocol.AH, "sctp", Protocol.SCTP, "ipip", 4);
    private static final String EXPECTED = "tcp, udp, icmp, esp, ah, sctp, ipip, all or a protocol number 0-255";

    private GcpProtocol() {}

    /**
     * The packets of a protocol and its ports.
     *
     * @param protocol the protocol as written
     * @param ports the ports, empty for every port
     * @throws IllegalArgumentException naming the problem and ending in {@code (expected …)}
     */
    public static Match parse(String protocol, List<String> ports) {
        String p = protocol.toLowerCase(Locale.ROOT);
        if (p.equals("all")) {
            if (!ports.isEmpty()) {
                throw new IllegalArgumentException("ports with protocol all (expected ports only with tcp, udp or sctp)");
            }
            return Match.any();
        }
        int number;
        if (NAMES.containsKey(p)) {
            number = NAMES.get(p);
        } else if (p.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(p) <= Protocol.MAX) {
            number = Integer.parseInt(p);
        } else {
            throw new IllegalArgumentException("unknown protocol '" + protocol + "' (expected " + EXPECTED + ")");
        }
        Match.Builder b = Match.builder().protocol(number);
        if (ports.isEmpty()) {
            return b.build();
        }
        if (number != Protocol.TCP && number != Protocol.UDP && number != Protocol.SCTP) {
            throw new IllegalArgumentException("ports with protocol " + protocol
                    + " (expected ports only with tcp, udp or sctp)");
        }
        List<int[]> ranges = new ArrayList<>();
        for (String port : ports) {
            ranges.add(CloudRules.portRange(port));
        }
        return b.destinationPorts(IntRanges.ofPairs(ranges)).build();
    }
}
