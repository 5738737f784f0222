package io.fwcheck.format.cisco;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test of the IOS access-list semantics: seeded random extended access lists
 * (contiguous and non-contiguous wildcards, hosts, any; eq, neq, lt, gt, range with numbers and
 * names; ICMP types and codes; established) are written as IOS text, read by fwcheck, and every
 * flow's trace is compared with a brute-force evaluator written here from the entries
 * themselves: an address matches {@code A W} when {@code (x & ~W) == (A & ~W)}, the first
 * matching entry decides, else the implicit deny. Flows are chosen at random and on every
 * entry's edges (the address, the address with wildcard bits flipped, ports ±1).
 */
class CiscoSemanticsTest {

    private static final long M32 = 0xFFFF_FFFFL;
    private static final Map<String, Integer> TCP_NAMES = Map.of("www", 80, "ssh", 22, "smtp", 25, "telnet", 23);
    private static final Map<String, Integer> UDP_NAMES = Map.of("domain", 53, "ntp", 123, "snmp", 161, "tftp", 69);

    /** A port condition: op and bounds. */
    record Ports(String op, int a, int b, String text) {
        boolean matches(int p) {
            return switch (op) {
                case "eq" -> p == a;
                case "neq" -> p != a;
                case "lt" -> p < a;
                case "gt" -> p > a;
                default -> p >= a && p <= b;
            };
        }
    }

    /** One entry as generated: protocol -1 is ip. */
    record Entry(boolean permit, int protocol, long srcA, long srcW, Ports sport, long dstA, long dstW, Ports dport,
            int icmpType, int icmpCode, boolean established) {

        boolean matches(Flow f) {
            if (protocol >= 0 && f.protocol() != protocol) {
                return false;
            }
            if (((f.source().lo() ^ srcA) & ~srcW & M32) != 0 || ((f.destination().lo() ^ dstA) & ~dstW & M32) != 0) {
                return false;
            }
            if (sport != null && !sport.matches(f.sourcePort()) || dport != null && !dport.matches(f.destinationPort())) {
                return false;
            }
            if (icmpType >= 0 && (f.icmpType() != icmpType || icmpCode >= 0 && f.icmpCode() != icmpCode)) {
                return false;
            }
            return !established || f.state() == ConnState.ESTABLISHED;
        }
    }

    private static final int[] PROTOCOLS = {-1, 6, 6, 6, 17, 17, 1, 47};

    private static long wildcard(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> 0;
            case 1 -> M32;
            case 2, 3 -> (1L << r.nextInt(33)) - 1 & M32;
            default -> {
                // non-contiguous: a few scattered bits, sometimes over a low run
                long w = r.nextBoolean() ? (1L << r.nextInt(6)) - 1 : 0;
                int bits = 1 + r.nextInt(8);
                for (int i = 0; i < bits; i++) {
                    w |= 1L << r.nextInt(32);
                }
                yield w & M32;
            }
        };
    }

    private static Ports ports(Random r, int protocol) {
        if (r.nextInt(3) == 0) {
            return null;
        }
        Map<String, Integer> names = protocol == 6 ? TCP_NAMES : UDP_NAMES;
        int a = r.nextInt(8) == 0 ? r.nextBoolean() ? 0 : 65535 : r.nextInt(2000);
        String aText = Integer.toString(a);
        if (r.nextInt(4) == 0) {
            var e = new ArrayList<>(names.entrySet()).get(r.nextInt(names.size()));
            a = e.getValue();
            aText = e.getKey();
        }
        String op = List.of("eq", "neq", "lt", "gt", "range").get(r.nextInt(5));
        if (op.equals("range")) {
            int b = a + r.nextInt(300);
            b = Math.min(b, 65535);
            return new Ports(op, a, b, "range " + aText + " " + b);
        }
        return new Ports(op, a, a, op + " " + aText);
    }

    private static Entry entry(Random r) {
        int protocol = PROTOCOLS[r.nextInt(PROTOCOLS.length)];
        boolean ports = protocol == 6 || protocol == 17;
        int type = -1;
        int code = -1;
        if (protocol == 1 && r.nextBoolean()) {
            type = r.nextInt(20);
            code = r.nextBoolean() ? r.nextInt(4) : -1;
        }
        long srcA = r.nextInt(4) == 0 ? 0x0A000000L | r.nextInt(1 << 16) : r.nextLong() & M32;
        long dstA = r.nextInt(4) == 0 ? 0x0A000000L | r.nextInt(1 << 16) : r.nextLong() & M32;
        return new Entry(r.nextInt(3) != 0, protocol, srcA, wildcard(r), ports ? ports(r, protocol) : null, dstA,
                wildcard(r), ports ? ports(r, protocol) : null, type, code, protocol == 6 && r.nextInt(6) == 0);
    }

    private static String address(Random r, long a, long w) {
        if (w == M32) {
            return "any";
        }
        if (w == 0 && r.nextBoolean()) {
            return "host " + Address.ipv4(a);
        }
        return Address.ipv4(a) + " " + Address.ipv4(w);
    }

    private static String text(Random r, Entry e) {
        StringBuilder b = new StringBuilder(e.permit() ? "permit " : "deny ");
        b.append(e.protocol() < 0 ? "ip" : switch (e.protocol()) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            default -> Integer.toString(e.protocol());
        });
        b.append(' ').append(address(r, e.srcA(), e.srcW()));
        if (e.sport() != null) {
            b.append(' ').append(e.sport().text());
        }
        b.append(' ').append(address(r, e.dstA(), e.dstW()));
        if (e.dport() != null) {
            b.append(' ').append(e.dport().text());
        }
        if (e.icmpType() >= 0) {
            b.append(' ').append(e.icmpType());
            if (e.icmpCode() >= 0) {
                b.append(' ').append(e.icmpCode());
            }
        }
        if (e.established()) {
            b.append(" established");
        }
        if (r.nextInt(5) == 0) {
            b.append(" log");
        }
        return b.toString();
    }

    private static Flow flow(Random r, List<Entry> entries) {
        Entry near = entries.get(r.nextInt(entries.size()));
        int protocol = switch (r.nextInt(5)) {
            case 0, 1 -> 6;
            case 2 -> 17;
            case 3 -> 1;
            default -> near.protocol() < 0 ? 47 : near.protocol();
        };
        long src = nearAddress(r, near.srcA(), near.srcW());
        long dst = nearAddress(r, near.dstA(), near.dstW());
        int sport = 0;
        int dport = 0;
        int type = 0;
        int code = 0;
        if (protocol == 6 || protocol == 17) {
            sport = port(r, near.sport());
            dport = port(r, near.dport());
        } else if (protocol == 1) {
            type = near.icmpType() >= 0 && r.nextBoolean() ? near.icmpType() : r.nextInt(20);
            code = near.icmpCode() >= 0 && r.nextBoolean() ? near.icmpCode() : r.nextInt(4);
        }
        ConnState state = r.nextInt(4) == 0 ? ConnState.ESTABLISHED : ConnState.NEW;
        return new Flow(IpFamily.IPV4, Address.ipv4(src), Address.ipv4(dst), protocol, sport, dport, type, code, state,
                "", "");
    }

    /** An address on an entry's edge: its address with some wildcard bits flipped, one bit off, or random. */
    private static long nearAddress(Random r, long a, long w) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextLong() & M32;
            case 1 -> (a ^ (1L << r.nextInt(32))) & M32;
            default -> (a & ~w | r.nextLong() & w) & M32;
        };
    }

    private static int port(Random r, Ports p) {
        if (p == null || r.nextInt(4) == 0) {
            return r.nextInt(65536);
        }
        int base = r.nextBoolean() ? p.a() : p.b();
        return Math.max(0, Math.min(65535, base + r.nextInt(3) - 1));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 6, 7, 8, 9, 2026, 4711})
    void traces_agree_with_a_brute_force_evaluation_of_the_entries(long seed) {
        Random r = new Random(seed);
        List<Entry> entries = new ArrayList<>();
        StringBuilder config = new StringBuilder("hostname r1\n!\nip access-list extended RANDOM\n");
        int size = 20 + r.nextInt(60);
        for (int i = 0; i < size; i++) {
            Entry e = entry(r);
            entries.add(e);
            config.append(' ').append(text(r, e)).append('\n');
        }
        Ruleset ruleset = RulesetLoader.load(config.toString(), "random.ios", LoadOptions.defaults());
        assertThat(RulesetFormat.detect(config.toString()).format()).contains(RulesetFormat.CISCO_IOS);
        Tracer tracer = Tracer.of(ruleset);
        int permitted = 0;
        Set<String> deciding = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            Flow f = flow(r, entries);
            Action expected = Action.DROP;
            for (Entry e : entries) {
                if (e.matches(f)) {
                    expected = e.permit() ? Action.ACCEPT : Action.DROP;
                    break;
                }
            }
            TraceResult t = tracer.trace(f);
            assertThat(t.action()).as("seed %d flow %s\n%s", seed, f, config).isEqualTo(Optional.of(expected));
            permitted += expected == Action.ACCEPT ? 1 : 0;
            deciding.add(t.decidedBy());
        }
        assertThat(permitted).as("the flows exercise both verdicts").isBetween(1, 2999);
        assertThat(deciding).as("flows are decided by many entries").hasSizeGreaterThan(5);
    }
}
