package io.fwcheck.engine;

import static io.fwcheck.engine.Sets.addresses;
import static io.fwcheck.engine.Sets.tcp;
import static io.fwcheck.engine.Sets.tcpFlow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The multi-terminal rule map on a small hand-written ruleset. */
class RuleMapTest {

    private static final SourceLocation HERE = SourceLocation.code("test");

    private final FlowSpace space = new FlowSpace();

    // 0 established, 1 app->db:5432, 2 10.0.1.0/25 -> db:5432 (shadowed by 1), 3 drop db:5432 from anywhere
    private final Ruleset ruleset = new Ruleset("db", List.of(
            new Rule("allow-established", Action.ACCEPT,
                    Match.builder().states(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED)).build(), "", HERE),
            new Rule("allow-app", Action.ACCEPT, tcp("10.0.1.0/24", "10.0.2.10", 5432), "", HERE),
            new Rule("allow-half", Action.ACCEPT, tcp("10.0.1.0/25", "10.0.2.10", 5432), "", HERE),
            new Rule("drop-postgres", Action.DROP, tcp("0.0.0.0/0", "10.0.2.10", 5432), "", HERE)),
            Action.ACCEPT, HERE);

    private final RuleMap map = space.compile(ruleset);

    @Test
    void first_matching_rule_decides() {
        assertThat(map.decide(tcpFlow("10.0.1.5", "10.0.2.10", 5432))).isEqualTo(1);
        assertThat(map.decide(tcpFlow("10.0.1.5", "10.0.2.10", 5432).withState(ConnState.ESTABLISHED))).isZero();
        assertThat(map.decide(tcpFlow("10.0.3.5", "10.0.2.10", 5432))).isEqualTo(3);
        assertThat(map.decide(tcpFlow("10.0.3.5", "10.0.2.10", 5433))).isEqualTo(4);
    }

    @Test
    void a_fully_shadowed_rule_decides_nothing_and_deciders_skip_it() {
        assertThat(map.decidedBy(2).isEmpty()).isTrue();
        assertThat(map.decidersOf(space.all())).containsExactly(0, 1, 3, 4);
        FlowSet toDb = space.destinations(addresses("10.0.2.10")).intersect(space.states(EnumSet.of(ConnState.NEW)));
        assertThat(map.decidersOf(toDb)).containsExactly(1, 3, 4);
        assertThat(map.decidersOf(space.of(tcp("10.0.1.0/25", "10.0.2.10", 5432)).intersect(space.states(EnumSet.of(ConnState.NEW)))))
                .containsExactly(1);
    }

    @Test
    void decided_by_sets_partition_every_flow() {
        FlowSet union = space.none();
        for (int i = 0; i <= ruleset.rules().size(); i++) {
            FlowSet part = map.decidedBy(i);
            assertThat(union.intersects(part)).as("rule %d overlaps earlier parts", i).isFalse();
            union = union.union(part);
        }
        assertThat(union.isAll()).isTrue();
        assertThat(map.decidedByAny(Set.of(0, 1, 2, 3, 4)).isAll()).isTrue();
        assertThat(map.decidedByAny(Set.of(1, 3))).isEqualTo(map.decidedBy(1).union(map.decidedBy(3)));
    }

    @Test
    void accepted_set_is_the_flows_of_accepting_deciders() {
        FlowSet accepted = map.acceptedModelled();
        assertThat(accepted).isEqualTo(map.decidedByAny(Set.of(0, 1, 2, 4)));
        assertThat(accepted.complement()).isEqualTo(map.decidedBy(3));
        assertThat(accepted.contains(tcpFlow("10.0.1.5", "10.0.2.10", 5432))).isTrue();
        assertThat(accepted.contains(tcpFlow("10.0.3.5", "10.0.2.10", 5432))).isFalse();
        assertThat(map.decidedBy(3).boxes(10)).extracting(FlowBox::toString)
                .containsExactly("tcp 0.0.0.0-10.0.0.255, 10.0.2.0-255.255.255.255 -> 10.0.2.10 dport 5432 state new,invalid");
    }

    @Test
    void a_space_refuses_to_grow_past_its_node_budget() {
        List<Rule> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new Rule("r" + i, i % 2 == 0 ? Action.ACCEPT : Action.DROP,
                    tcp("10.0." + i + ".0/24", "10.1." + i + ".7", 1000 + i), "", HERE));
        }
        Ruleset big = new Ruleset("big", many, Action.DROP, HERE);
        assertThatThrownBy(() -> new FlowSpace(500).compile(big))
                .isInstanceOf(DiagramTooLargeException.class)
                .hasMessageContaining("500");
        assertThat(new FlowSpace().compile(big).decide(tcpFlow("10.0.7.1", "10.1.7.7", 1007))).isEqualTo(7);
    }

    @Test
    void match_sets_are_the_sets_of_the_rules_matches() {
        for (int i = 0; i < ruleset.rules().size(); i++) {
            assertThat(map.match(i)).isEqualTo(space.of(ruleset.rules().get(i).match()));
        }
    }
}
