package io.fwcheck.testing;

import java.util.Random;

/**
 * Seeded generator of realistic Cisco IOS configurations: one extended access list of a given
 * number of entries, as an edge router's inbound list looks: anti-spoofing denies first, then
 * permits to servers and subnets (hosts, /24 to /30 blocks, one in a hundred a non-contiguous
 * wildcard: the odd /24s of a /16), TCP and UDP port operators (eq, range, gt, neq), ICMP types, established replies,
 * remarks, and a final deny with log. The same seed gives the same text.
 */
public final class CiscoAclGenerator {

    private static final String[] TCP_PORTS = {"www", "443", "22", "smtp", "3389", "5432", "8080", "domain", "1433"};
    private static final String[] UDP_PORTS = {"domain", "ntp", "snmp", "514", "1812", "123", "5060"};
    private static final String[] ICMP = {"echo", "echo-reply", "unreachable", "time-exceeded", "packet-too-big"};

    private final Random random;

    private CiscoAclGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static CiscoAclGenerator seeded(long seed) {
        return new CiscoAclGenerator(seed);
    }

    /** A configuration with access list {@code name} of {@code entries} entries, applied to GigabitEthernet0/0. */
    public String generate(String name, int entries) {
        StringBuilder b = new StringBuilder(entries * 48);
        b.append("hostname edge-gen-01\n!\ninterface GigabitEthernet0/0\n ip access-group ").append(name)
                .append(" in\n!\nip access-list extended ").append(name).append('\n');
        b.append(" remark anti-spoofing\n deny ip 10.0.0.0 0.255.255.255 any\n deny ip 172.16.0.0 0.15.255.255 any\n")
                .append(" deny ip 192.168.0.0 0.0.255.255 any\n permit tcp any 198.18.0.0 0.1.255.255 established\n");
        for (int i = 4; i < entries - 1; i++) {
            if (random.nextInt(25) == 0) {
                b.append(" remark change ").append(1000 + random.nextInt(9000)).append('\n');
            }
            b.append(' ').append(random.nextInt(8) == 0 ? "deny" : "permit").append(' ');
            int kind = random.nextInt(10);
            if (kind < 5) {
                b.append("tcp ").append(source()).append(' ').append(server()).append(' ').append(ports(TCP_PORTS));
            } else if (kind < 8) {
                b.append("udp ").append(source()).append(' ').append(server()).append(' ').append(ports(UDP_PORTS));
            } else if (kind < 9) {
                b.append("icmp ").append(source()).append(' ').append(server()).append(' ')
                        .append(ICMP[random.nextInt(ICMP.length)]);
            } else {
                b.append("ip ").append(source()).append(' ').append(server());
            }
            if (random.nextInt(10) == 0) {
                b.append(" log");
            }
            b.append('\n');
        }
        b.append(" deny ip any any log\n!\nend\n");
        return b.toString();
    }

    private String source() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> "any";
            case 2 -> "host " + address(198, 51);
            default -> block(203, 0);
        };
    }

    private String server() {
        if (random.nextInt(100) == 0) {
            return "198." + (18 + random.nextInt(2)) + ".1.0 0.0.254.255";
        }
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> "host " + address(198, 18 + random.nextInt(2));
            case 3 -> "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + ".0 0.0.0."
                    + (random.nextBoolean() ? "255" : "127");
            default -> block(198, 18);
        };
    }

    private String block(int a, int b) {
        int length = 24 + random.nextInt(7);
        long wildcard = (1L << (32 - length)) - 1;
        long base = ((long) a << 24 | (long) (b + random.nextInt(2)) << 16 | (long) random.nextInt(256) << 8
                | random.nextInt(256)) & ~wildcard;
        return dotted(base) + " " + dotted(wildcard);
    }

    private String address(int a, int b) {
        return a + "." + b + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static String dotted(long v) {
        return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
    }

    private String ports(String[] names) {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> "eq " + names[random.nextInt(names.length)];
            case 3 -> {
                int lo = 1024 + random.nextInt(30000);
                yield "range " + lo + " " + (lo + random.nextInt(2000));
            }
            case 4 -> "gt " + (1023 + random.nextInt(40000));
            default -> "neq " + names[random.nextInt(names.length)];
        };
    }
}
