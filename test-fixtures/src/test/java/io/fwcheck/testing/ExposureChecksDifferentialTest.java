package io.fwcheck.testing;

import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.ExposureChecks;
import io.fwcheck.analysis.Finding;
import io.fwcheck.analysis.FindingType;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.AuditSettings;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import io.fwcheck.testing.DifferentialCase.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exposure checks against brute force on seeded random rulesets (with a broad accept added
 * to some): every finding's witness is a new connection from the internet, not on loopback, that
 * the check looks for and brute force certainly accepts (or, for a possible exposure, may accept),
 * decided by the rule the finding names; every sampled connection to an administrative or
 * database port from the internet that brute force certainly accepts lies in a finding's flows;
 * a broad accept's witness pair is certainly accepted on other protocols and ports too.
 */
class ExposureChecksDifferentialTest {

    private static final AuditSettings SETTINGS = AuditSettings.defaults();

    static LongStream seeds() {
        return DifferentialCase.seeds(80);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exposure_findings_agree_with_brute_force(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = seed % 3 == 0 ? withBroadRule(c.ruleset, seed) : c.ruleset;
        List<Finding> findings = ExposureChecks.of(CompiledRuleset.compile(ruleset), SETTINGS, 500);
        Failures failures = new Failures(c);
        SplittableRandom random = new SplittableRandom(seed);

        for (Finding f : findings) {
            Flow w = f.witness().orElse(null);
            if (w == null) {
                failures.add(f.type().id() + " at " + f.rule() + " has no witness");
                continue;
            }
            FindingType check = FindingType.byId(f.requirement().orElseThrow());
            String label = f.type().id() + " (" + check.id() + ") at " + f.rule();
            failures.check(looksFor(check, w), () -> label + ": the witness is not what the check looks for", w);
            if (f.type() == FindingType.POSSIBLE_EXPOSURE) {
                failures.check(BruteForce.possiblyAccepted(ruleset, w) && !BruteForce.certainlyAccepted(ruleset, w),
                        () -> label + ": the witness is not only possibly accepted", w);
                continue;
            }
            failures.check(BruteForce.certainlyAccepted(ruleset, w), () -> label + ": the witness is not certainly accepted", w);
            int first = ruleset.firstMatch(w);
            String decider = first == ruleset.rules().size() ? Finding.DEFAULT_POLICY : ruleset.rules().get(first).id();
            if (ruleset.isCertain()) {
                failures.check(decider.equals(f.rule()), () -> label + ": the witness is decided by " + decider, w);
            }
            if (check == FindingType.BROAD_ACCEPT) {
                for (int k = 0; k < 20; k++) {
                    Flow other = otherService(w, random);
                    failures.check(BruteForce.certainlyAccepted(ruleset, other),
                            () -> label + ": the pair of the witness is not accepted on every port", other);
                }
            }
        }

        // completeness: accepted admin and database connections from the internet are reported
        FlowGenerator flows = FlowGenerator.seeded(seed).biasedToward(ruleset);
        for (FindingType check : List.of(FindingType.ADMIN_PORT_EXPOSED, FindingType.DATABASE_PORT_EXPOSED)) {
            List<FlowBox> boxes = new ArrayList<>();
            boolean complete = true;
            for (Finding f : findings) {
                if (f.type() == check) {
                    boxes.addAll(f.flows().boxes());
                    complete &= !f.flows().truncated();
                }
            }
            if (!complete) {
                continue;
            }
            Service service = check == FindingType.ADMIN_PORT_EXPOSED ? SETTINGS.adminPorts() : SETTINGS.databasePorts();
            for (int k = 0; k < 300; k++) {
                Flow f = toService(flows.next(), service, random);
                if (!looksFor(check, f) || !BruteForce.certainlyAccepted(ruleset, f)) {
                    continue;
                }
                failures.check(boxes.stream().anyMatch(b -> BoxSampler.contains(b, f)),
                        () -> check.id() + ": an accepted flow is in no finding", f);
            }
        }
        failures.assertNone();
    }

    /** Whether the check looks for the flow: new, from the internet, not on loopback, to its service. */
    private static boolean looksFor(FindingType check, Flow f) {
        boolean fromInternet = f.state() == ConnState.NEW && SETTINGS.internet().addresses().contains(f.source())
                && !f.inInterface().equals(ExposureChecks.LOOPBACK);
        return switch (check) {
            case ADMIN_PORT_EXPOSED -> fromInternet && SETTINGS.adminPorts().covers(f);
            case DATABASE_PORT_EXPOSED -> fromInternet && SETTINGS.databasePorts().covers(f);
            case BROAD_ACCEPT -> f.state() == ConnState.NEW;
            default -> false;
        };
    }

    /** The flow moved to the internet and to one port of the service. */
    private static Flow toService(Flow f, Service service, SplittableRandom random) {
        Service.Part part = service.parts().get(random.nextInt(service.parts().size()));
        int protocol = part.protocols().lo(0);
        int port = part.ports().orElseThrow().lo(0);
        IpFamily family = f.family();
        var source = family == IpFamily.IPV4 ? io.fwcheck.model.Address.ipv4(0x0800_0000L + random.nextInt(1 << 20))
                : io.fwcheck.model.Address.ipv6(0x2a00_1450_0000_0000L + random.nextInt(1 << 16), random.nextLong());
        String in = random.nextInt(8) == 0 ? ExposureChecks.LOOPBACK : f.inInterface();
        return new Flow(family, source, f.destination(), protocol, f.sourcePort(), port, 0, 0, ConnState.NEW, in,
                f.outInterface());
    }

    /** The same addresses, another protocol, port or ICMP type, still a new connection. */
    private static Flow otherService(Flow w, SplittableRandom random) {
        int[] protocols = {Protocol.TCP, Protocol.UDP, Protocol.GRE, Protocol.icmpOf(w.family()), Protocol.SCTP, 99};
        int protocol = protocols[random.nextInt(protocols.length)];
        boolean ports = Protocol.hasPorts(protocol);
        boolean icmp = Protocol.carriesIcmp(w.family(), protocol);
        return new Flow(w.family(), w.source(), w.destination(), protocol, ports ? random.nextInt(65536) : 0,
                ports ? random.nextInt(65536) : 0, icmp ? random.nextInt(256) : 0, icmp ? random.nextInt(256) : 0,
                ConnState.NEW, w.inInterface(), w.outInterface());
    }

    /** The ruleset with a rule accepting everything from a /12 added at a random place. */
    private static Ruleset withBroadRule(Ruleset ruleset, long seed) {
        List<Rule> rules = new ArrayList<>(ruleset.rules());
        io.fwcheck.model.Match broad = io.fwcheck.model.Match.builder()
                .sources(io.fwcheck.model.AddressSet.of(io.fwcheck.model.AddressRange.cidr(
                        io.fwcheck.model.Address.ipv4(0x0A10_0000L), 12))).build();
        rules.add((int) Math.floorMod(seed, rules.size() + 1L), new Rule("broad-lab", io.fwcheck.model.Action.ACCEPT, broad,
                "", io.fwcheck.model.SourceLocation.code("test")));
        return new Ruleset(ruleset.name(), rules, ruleset.defaultAction(), ruleset.source());
    }
}
