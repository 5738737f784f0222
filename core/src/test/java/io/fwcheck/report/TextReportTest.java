package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.FlowParser;
import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void a_failed_requirement_names_the_blocking_rule_the_blocked_flows_and_an_example() {
        CheckResult result = Checker.check(Samples.proposed(), Samples.policy());

        assertThat(TextReport.check(result, false)).isEqualTo("""
                fwcheck check: rulesets/postmortem/proposed.yaml against rulesets/postmortem/policy.yaml
                FAIL  app-to-db         app-servers must reach db on postgres
                      some connections from app-servers to db on postgres are not accepted: \
                blocked by block-scanner (rulesets/postmortem/proposed.yaml:14:5)
                      blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new
                      e.g.     tcp 10.0.1.128:49152 -> 10.0.2.10:5432
                      decided by block-scanner (rulesets/postmortem/proposed.yaml:14:5) drop: \
                tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new
                PASS  no-internet-to-db internet must not reach db
                PASS  db-allowlist      db accepts only app-servers on postgres, bastion on ssh
                1 failed, 2 passed, 0 unknown
                """);
    }

    @Test
    void a_passing_check_is_one_line_per_requirement() {
        String text = TextReport.check(Checker.check(Samples.current(), Samples.policy()), false);

        assertThat(text.lines()).hasSize(5);
        assertThat(text).endsWith("0 failed, 3 passed, 0 unknown\n");
    }

    @Test
    void an_unknown_verdict_shows_the_unmodelled_construct_and_where_it_is() {
        String text = TextReport.check(Checker.check(Samples.withRateLimit(), Samples.policy()), false);

        assertThat(text).contains("UNKNOWN  app-to-db ")
                .contains("         uncertain: tcp 10.0.1.0/24 -> 10.0.2.10 dport 5432 state new\n")
                .contains("         because rule rate-limit uses -m recent --rcheck --seconds 60"
                        + " (rulesets/postmortem/proposed.yaml:17:20), which fwcheck does not model\n")
                .endsWith("0 failed, 2 passed, 1 unknown\n");
    }

    @Test
    void capped_box_lists_say_how_many_more_there_are() {
        // three addresses blocked on different source ports: three boxes, two listed
        List<Rule> rules = new ArrayList<>(Samples.current().rules());
        for (int i = 0; i < 3; i++) {
            rules.add(1, new Rule("block-" + i, Action.DROP, Match.builder()
                    .sources(Samples.cidrs("10.0.1." + (10 * i + 1) + "/32")).protocol(Protocol.TCP)
                    .sourcePorts(IntRanges.range(1000 * (i + 1), 1000 * (i + 1) + 99)).build(), "", Samples.at(30 + i, 5)));
        }
        Ruleset ruleset = new Ruleset("db-input", rules, Action.DROP, Samples.at(3, 1));
        CheckResult result = Checker.check(CompiledRuleset.compile(ruleset), Samples.policy(), 2);

        String text = TextReport.check(result, false);

        assertThat(text).contains("""
                      blocked: tcp 10.0.1.1 -> 10.0.2.10 sport 1000-1099 dport 5432 state new
                               tcp 10.0.1.11 -> 10.0.2.10 sport 2000-2099 dport 5432 state new
                               … and 1 more (list more with --max-boxes)
                """);
        assertThat(text).contains("decided by block-0 (rulesets/postmortem/proposed.yaml:30:5) drop: ");
    }

    @Test
    void colour_marks_only_the_verdict_words() {
        String plain = TextReport.check(Checker.check(Samples.proposed(), Samples.policy()), false);
        String coloured = TextReport.check(Checker.check(Samples.proposed(), Samples.policy()), true);

        assertThat(plain).doesNotContain("\u001b[");
        assertThat(coloured).contains("\u001b[31mFAIL\u001b[0m  app-to-db")
                .contains("\u001b[32mPASS\u001b[0m  no-internet-to-db");
        assertThat(coloured.replaceAll("\u001b\\[[0-9]*m", "")).isEqualTo(plain);
        String unknown = TextReport.check(Checker.check(Samples.withRateLimit(), Samples.policy()), true);
        assertThat(unknown).contains("\u001b[33mUNKNOWN\u001b[0m  app-to-db");
    }

    @Test
    void a_trace_line_gives_the_verdict_the_flow_and_the_deciding_rule() {
        Tracer tracer = Tracer.of(Samples.proposed());
        Ruleset ruleset = tracer.ruleset();

        assertThat(TextReport.trace(tracer.trace(FlowParser.parse("tcp 10.0.1.200 -> 10.0.2.10:5432")), ruleset, false))
                .isEqualTo("drop    tcp 10.0.1.200:49152 -> 10.0.2.10:5432"
                        + "  by block-scanner (rulesets/postmortem/proposed.yaml:14:5)");
        assertThat(TextReport.trace(tracer.trace(FlowParser.parse("tcp 10.0.1.5:40000 -> 10.0.2.10:5432")), ruleset, false))
                .isEqualTo("accept  tcp 10.0.1.5:40000 -> 10.0.2.10:5432"
                        + "  by allow-app (rulesets/postmortem/proposed.yaml:19:5)");
        assertThat(TextReport.trace(tracer.trace(FlowParser.parse("udp 10.0.1.5 -> 10.0.2.10:53")), ruleset, false))
                .isEqualTo("drop    udp 10.0.1.5:49152 -> 10.0.2.10:53"
                        + "  by the default policy (rulesets/postmortem/proposed.yaml:3:1)");
        assertThat(TextReport.trace(tracer.trace(FlowParser.parse("tcp 10.0.1.5 -> 10.0.2.10:5432")), ruleset, true))
                .startsWith("\u001b[32maccept\u001b[0m  tcp");
    }

    @Test
    void an_unknown_trace_names_the_rule_that_may_decide_and_why() {
        Tracer tracer = Tracer.of(Samples.withRateLimit());

        String line = TextReport.trace(tracer.trace(FlowParser.parse("tcp 10.0.1.5 -> 10.0.2.10:5432")),
                tracer.ruleset(), false);

        assertThat(line).isEqualTo("unknown tcp 10.0.1.5:49152 -> 10.0.2.10:5432"
                + "  may be decided by rate-limit (rulesets/postmortem/proposed.yaml:17:5):"
                + " rule rate-limit uses -m recent --rcheck --seconds 60 (rulesets/postmortem/proposed.yaml:17:20),"
                + " which fwcheck does not model");
    }

    @Test
    void the_batch_formatter_writes_one_line_per_trace_matching_the_single_form() {
        Tracer tracer = Tracer.of(Samples.proposed());
        TextReport.TraceFormatter formatter = TextReport.traceFormatter(tracer.ruleset(), false);
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String f : List.of("tcp 10.0.1.5 -> 10.0.2.10:5432", "tcp 10.0.1.200 -> 10.0.2.10:5432",
                "tcp 10.0.1.6 -> 10.0.2.10:5432", "icmp 10.0.0.1 -> 10.0.2.10 type 8")) {
            var result = tracer.trace(FlowParser.parse(f));
            formatter.append(sb, result);
            expected.add(TextReport.trace(result, tracer.ruleset(), false));
        }
        assertThat(sb.toString().split("\n", -1)).containsExactlyElementsOf(
                concat(expected, ""));
    }

    /** The batch path prints flows itself: it must agree with Flow.toString on every flow. */
    @Test
    void flow_text_is_flow_to_string() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            boolean v6 = random.nextInt(3) == 0;
            int protocol = new int[] {Protocol.TCP, Protocol.UDP, Protocol.ICMP, 47, 0}[random.nextInt(5)];
            if (protocol == Protocol.ICMP && v6) {
                protocol = Protocol.ICMPV6;
            }
            String src = v6 ? "2001:db8::" + Integer.toHexString(random.nextInt(65536)) : ipv4(random);
            String dst = v6 ? "2001:db8:1::" + Integer.toHexString(random.nextInt(65536)) : ipv4(random);
            Flow f = Protocol.isIcmp(protocol) ? Flow.icmp(src, dst, random.nextInt(256), random.nextInt(256))
                    : Protocol.hasPorts(protocol)
                            ? (protocol == Protocol.TCP ? Flow.tcp(src, random.nextInt(65536), dst, random.nextInt(65536))
                                    : Flow.udp(src, random.nextInt(65536), dst, random.nextInt(65536)))
                            : FlowParser.parse("proto " + protocol + " " + src + " -> " + dst);
            if (random.nextBoolean()) {
                f = f.withState(ConnState.values()[random.nextInt(4)]).withInterfaces("eth" + random.nextInt(3), "");
            }
            assertThat(FlowText.of(f)).isEqualTo(f.toString());
        }
    }

    private static String ipv4(Random random) {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private static List<String> concat(List<String> lines, String last) {
        List<String> out = new ArrayList<>(lines);
        out.add(last);
        return out;
    }
}
