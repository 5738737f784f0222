package io.fwcheck.format.cisco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.iptables.PostmortemDumpsTest;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Ruleset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same policy in different formats gets the same verdicts. Exactly, over sets of flows:
 * within a region of the packet space, two rulesets must certainly accept the same flows and
 * possibly accept the same flows (so neither is UNKNOWN where the other is not).
 *
 * <p>Aerleon references (../shared/data/other/aerleon/refs, one policy rendered for many targets):
 * {@code sample_multitarget} as IOS ({@code .acl}), NX-OS ({@code .nxacl}), IOS XR ({@code .xacl}),
 * ASA ({@code .asa}) and Speedway iptables ({@code .ipt}). What is compared:
 * <ul>
 *   <li>IOS, NX-OS and IOS XR {@code edge-inbound}: identical everywhere (all IPv4 flows and states);
 *   <li>IOS {@code edge-inbound} and iptables {@code INPUT}, IOS {@code edge-outbound} and iptables
 *       {@code OUTPUT}: IPv4 flows in states NEW and ESTABLISHED (the iptables rules accept RELATED
 *       where IOS {@code established} is uncertain, and refuse INVALID where IOS entries without
 *       {@code established} match it);
 *   <li>IOS and ASA ({@code asa_in}, {@code asa_out}): new IPv4 connections, except TCP to the hosts of
 *       term {@code permit-tcp-established} (200.1.1.1–200.1.1.5): Aerleon writes that term for the
 *       stateful ASA as a plain permit of all TCP, for IOS with {@code established}.
 * </ul>
 * And the postmortem change as IOS access lists ({@code rulesets/postmortem/*.ios}) gets the YAML
 * rulesets' verdicts for IPv4 (the policy restricted to IPv4, as the iptables dumps are checked).
 */
class CiscoEquivalenceTest {

    private static final Path REFS = Path.of("aerleon", "refs");

    private static Ruleset load(Path file, String list) {
        return RulesetLoader.load(file, LoadOptions.defaults().withRuleset(list));
    }

    /** The Speedway output declares chains with -N; iptables-save declares them as :CHAIN lines first. */
    private static Ruleset speedway(Path file, Hook hook) throws IOException {
        List<String> declared = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("-N ")) {
                declared.add(":" + line.substring(3) + " - [0:0]");
            } else if (!line.equals("*filter")) {
                body.add(line);
            }
        }
        List<String> out = new ArrayList<>(List.of("*filter", ":FORWARD ACCEPT [0:0]"));
        out.addAll(declared);
        out.addAll(body);
        if (out.stream().noneMatch(l -> l.startsWith(":OUTPUT "))) {
            out.add(2, ":OUTPUT ACCEPT [0:0]");
        }
        return RulesetLoader.load(String.join("\n", out) + "\n", file.toString(),
                LoadOptions.defaults().withHook(hook));
    }

    private static void assertSame(Ruleset a, Ruleset b, Match region) {
        assertSame(a, b, region, true);
    }

    private static void assertSame(Ruleset a, Ruleset b, Match region, boolean certain) {
        FlowSpace space = new FlowSpace();
        FlowSet r = space.of(region);
        CompiledRuleset ca = CompiledRuleset.compile(space, a);
        CompiledRuleset cb = CompiledRuleset.compile(space, b);
        FlowSet certainA = ca.certainlyAccepted().intersect(r);
        FlowSet certainB = cb.certainlyAccepted().intersect(r);
        FlowSet possibleA = ca.possiblyAccepted().intersect(r);
        FlowSet possibleB = cb.possiblyAccepted().intersect(r);
        assertThat(certainA.minus(certainB).witness()).as("accepted by %s only", a.name()).isEmpty();
        assertThat(certainB.minus(certainA).witness()).as("accepted by %s only", b.name()).isEmpty();
        assertThat(possibleA).as("%s and %s uncertain alike", a.name(), b.name()).isEqualTo(possibleB);
        if (certain) {
            assertThat(possibleA).as("certain in the region").isEqualTo(certainA);
        }
        assertThat(certainA.isEmpty()).as("something is accepted").isFalse();
        assertThat(certainA.isAll()).isFalse();
    }

    private static Match ipv4(ConnState... states) {
        return Match.builder().families(EnumSet.of(IpFamily.IPV4)).states(EnumSet.of(states[0], states)).build();
    }

    @Test
    void aerleon_renders_edge_inbound_alike_for_ios_nx_os_ios_xr_iptables_and_asa() throws IOException {
        Path dir = SharedCiscoFiles.folder().map(d -> d.resolve(REFS)).filter(Files::isDirectory).orElse(null);
        assumeTrue(dir != null, "../shared/data/other/aerleon is not present");
        Ruleset ios = load(dir.resolve("sample_multitarget.acl"), "edge-inbound");
        Ruleset iosOut = load(dir.resolve("sample_multitarget.acl"), "edge-outbound");
        Match all = Match.builder().families(EnumSet.of(IpFamily.IPV4)).build();

        assertSame(ios, load(dir.resolve("sample_multitarget.nxacl"), "edge-inbound"), all, false);
        assertSame(ios, load(dir.resolve("sample_multitarget.xacl"), "edge-inbound"), all, false);
        assertSame(ios, speedway(dir.resolve("sample_multitarget.ipt"), Hook.INPUT),
                ipv4(ConnState.NEW, ConnState.ESTABLISHED));
        assertSame(iosOut, speedway(dir.resolve("sample_multitarget.ipt"), Hook.OUTPUT),
                ipv4(ConnState.NEW, ConnState.ESTABLISHED));
        assertSame(iosOut, load(dir.resolve("sample_multitarget.asa"), "asa_out"), ipv4(ConnState.NEW));

        AddressSet natHosts = AddressSet.of(new AddressRange(Address.parse("200.1.1.1"), Address.parse("200.1.1.5")));
        Match tcpToHosts = Match.builder().protocol(Protocol.TCP).destinations(natHosts).build();
        Match newV4 = ipv4(ConnState.NEW).toBuilder().except(tcpToHosts).build();
        assertSame(ios, load(dir.resolve("sample_multitarget.asa"), "asa_in"), newV4);
    }

    @Test
    void the_postmortem_change_as_ios_access_lists_gets_the_yaml_verdicts_for_ipv4() {
        Path pm = Path.of("..", "rulesets", "postmortem");
        Policy full = YamlPolicyReader.read(pm.resolve("policy.yaml"));
        Policy v4 = PostmortemDumpsTest.restricted(full, IpFamily.IPV4);
        for (String change : List.of("current", "proposed")) {
            Ruleset yaml = RulesetLoader.load(pm.resolve(change + ".yaml"), LoadOptions.defaults());
            Ruleset ios = RulesetLoader.load(pm.resolve(change + ".ios"), LoadOptions.defaults());

            assertThat(verdicts(Checker.check(ios, v4))).as(change).isEqualTo(verdicts(Checker.check(yaml, v4)));
        }
        Ruleset current = RulesetLoader.load(pm.resolve("current.ios"), LoadOptions.defaults());
        Ruleset proposed = RulesetLoader.load(pm.resolve("proposed.ios"), LoadOptions.defaults());
        assertThat(verdicts(Checker.check(current, v4))).doesNotContainValue(Verdict.FAIL).containsValue(Verdict.PASS);
        CheckResult failed = Checker.check(proposed, v4);
        assertThat(verdicts(failed)).containsEntry("app-to-db", Verdict.FAIL);
        assertThat(failed.results().get(0).decidedBy()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("DB01-IN#30");
            assertThat(d.location().toString()).endsWith("proposed.ios:18:2");
        });
        assertThat(verdicts(Checker.check(current, full)))
                .as("an IPv4 list leaves what the policy says of IPv6 UNKNOWN, never PASS")
                .containsEntry("app-to-db", Verdict.UNKNOWN).containsEntry("bastion-ssh", Verdict.PASS)
                .containsEntry("no-internet-to-db", Verdict.UNKNOWN).containsEntry("db-allowlist", Verdict.UNKNOWN);
    }

    private static Map<String, Verdict> verdicts(CheckResult result) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        for (RequirementResult r : result.results()) {
            m.put(r.requirement().id(), r.verdict());
        }
        return m;
    }
}
