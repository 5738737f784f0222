package io.fwcheck.engine;

import static io.fwcheck.engine.Sets.addresses;
import static io.fwcheck.engine.Sets.flow;
import static io.fwcheck.engine.Sets.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The order of the address levels: which order a ruleset gets, and that both orders hold the same
 * flows, decide them by the same rules and read the same address pairs and examples back.
 */
class LevelOrderTest {

    private static final SourceLocation HERE = SourceLocation.code("test");

    /** An edge access list: most entries from any source to one server or subnet. */
    private static List<Rule> accessList(int entries, long seed) {
        Random random = new Random(seed);
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("anti-spoof", Action.DROP, Match.builder().sources(addresses("10.0.0.0/8")).build(), "", HERE));
        for (int i = 0; i < entries; i++) {
            String server = "198.18." + random.nextInt(4) + "." + random.nextInt(8) * 32 + "/" + (27 + random.nextInt(6));
            String source = random.nextInt(4) == 0 ? "203.0." + random.nextInt(4) + ".0/" + (24 + random.nextInt(8)) : "0.0.0.0/0";
            int port = new int[] {22, 80, 443, 5432, 8080}[random.nextInt(5)];
            rules.add(new Rule("e" + i, random.nextInt(3) == 0 ? Action.DROP : Action.ACCEPT, tcp(source, server, port), "", HERE));
        }
        return rules;
    }

    @Test
    void an_access_list_from_any_source_to_many_servers_leans_to_the_destination() {
        assertThat(LevelOrder.leansToDestination(accessList(200, 1))).isTrue();
    }

    @Test
    void rules_with_wildcards_alike_in_both_fields_keep_the_source_first() {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String host = "10.1." + i / 10 + "." + i % 10;
            rules.add(new Rule("in" + i, Action.ACCEPT, tcp("0.0.0.0/0", host, 22), "", HERE));
            rules.add(new Rule("out" + i, Action.ACCEPT, tcp(host, "0.0.0.0/0", 22), "", HERE));
        }
        assertThat(LevelOrder.leansToDestination(rules)).isFalse();
        assertThat(LevelOrder.leansToDestination(List.of())).isFalse();
    }

    @Test
    void the_property_names_an_order_or_auto_and_nothing_else() {
        assertThat(LevelOrder.parse("destination-first")).isTrue();
        assertThat(LevelOrder.parse("source-first")).isFalse();
        assertThat(LevelOrder.parse("auto")).isNull();
        assertThatThrownBy(() -> LevelOrder.parse("dst")).hasMessageContaining("expected source-first, destination-first or auto");
    }

    @Test
    void both_orders_decide_every_flow_by_the_same_rule() {
        Ruleset ruleset = new Ruleset("edge", accessList(300, 2), Action.DROP, HERE);
        FlowSpace bySource = FlowSpace.ordered(false);
        FlowSpace byDestination = FlowSpace.ordered(true);
        assertThat(byDestination.destinationFirst()).isTrue();
        RuleMap a = bySource.compile(ruleset);
        RuleMap b = byDestination.compile(ruleset);
        int decidedByRules = 0;
        for (Flow f : flows(ruleset, 3)) {
            int first = firstMatch(ruleset, f);
            assertThat(a.decide(f)).as("source first, %s", f).isEqualTo(first);
            assertThat(b.decide(f)).as("destination first, %s", f).isEqualTo(first);
            decidedByRules += first < ruleset.rules().size() ? 1 : 0;
        }
        assertThat(decidedByRules).as("flows some rule decides").isGreaterThan(1_000);
        assertThat(b.decidersOf(byDestination.all())).isEqualTo(a.decidersOf(bySource.all()));
    }

    @Test
    void both_orders_read_the_same_examples_boxes_and_address_pairs() {
        Ruleset ruleset = new Ruleset("edge", accessList(120, 4), Action.DROP, HERE);
        FlowSet[] accepted = new FlowSet[2];
        for (int order = 0; order < 2; order++) {
            FlowSpace space = FlowSpace.ordered(order == 1);
            accepted[order] = space.compile(ruleset).acceptedModelled();
            FlowSet set = accepted[order];
            assertThat(set.contains(set.witness().orElseThrow())).isTrue();
            List<FlowBox> boxes = set.boxes(50);
            assertThat(boxes).isNotEmpty();
            for (FlowBox box : boxes) {
                Flow corner = flow(box.sources().ranges().get(0).first().toString(),
                        box.destinations().ranges().get(0).last().toString(), box.protocols().lo(0),
                        box.sourcePorts().lo(0), box.destinationPorts().hi(box.destinationPorts().size() - 1))
                        .withState(box.states().iterator().next());
                assertThat(set.contains(corner)).as("a corner of %s", box).isTrue();
            }
        }
        for (Flow f : flows(ruleset, 5)) {
            assertThat(accepted[1].contains(f)).as("%s", f).isEqualTo(accepted[0].contains(f));
        }
        FlowSpace wide0 = accepted[0].space();
        FlowSpace wide1 = accepted[1].space();
        FlowSet everyPort0 = accepted[0].union(wide0.destinations(addresses("198.18.1.0/24")));
        FlowSet everyPort1 = accepted[1].union(wide1.destinations(addresses("198.18.1.0/24")));
        List<AddressPairs.SourceRun> runs = everyPort1.pairsWhollyIn().sourceRuns(IpFamily.IPV4, 8);
        assertThat(runs).isNotEmpty().isEqualTo(everyPort0.pairsWhollyIn().sourceRuns(IpFamily.IPV4, 8));
    }

    /** Seeded flows biased to the rules' edges: every rule's first and last server, and random ones. */
    private static List<Flow> flows(Ruleset ruleset, long seed) {
        Random random = new Random(seed);
        List<Flow> out = new ArrayList<>();
        int[] ports = {0, 21, 22, 23, 79, 80, 81, 443, 5432, 8080, 65535};
        for (Rule rule : ruleset.rules()) {
            var destinations = rule.match().destinations().only(IpFamily.IPV4).ranges();
            for (var range : destinations) {
                for (var address : List.of(range.first(), range.last())) {
                    String source = random.nextBoolean() ? "203.0.1." + random.nextInt(256) : random.nextInt(256) + ".1.2.3";
                    out.add(flow(source, address.toString(), Protocol.TCP, 40000, ports[random.nextInt(ports.length)]));
                }
            }
        }
        for (int i = 0; i < 3_000; i++) {
            String source = random.nextInt(3) == 0 ? "10." + random.nextInt(256) + ".0.1" : "203.0." + random.nextInt(5) + "." + random.nextInt(256);
            String destination = "198.18." + random.nextInt(5) + "." + random.nextInt(256);
            Flow f = flow(source, destination, Protocol.TCP, 1024 + random.nextInt(60000), ports[random.nextInt(ports.length)]);
            out.add(random.nextInt(10) == 0 ? f.withState(ConnState.ESTABLISHED) : f);
        }
        return out;
    }

    /** The index of the first rule whose match holds the flow, read off the rules' fields. */
    private static int firstMatch(Ruleset ruleset, Flow f) {
        for (int i = 0; i < ruleset.rules().size(); i++) {
            Match m = ruleset.rules().get(i).match();
            if (m.sources().contains(f.source()) && m.destinations().contains(f.destination())
                    && m.protocols().contains(f.protocol())
                    && m.destinationPorts().map(p -> p.contains(f.destinationPort())).orElse(true)) {
                return i;
            }
        }
        return ruleset.rules().size();
    }
}
