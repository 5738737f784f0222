package io.fwcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.analysis.AuditOptions;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Classification;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.FindingType;
import io.fwcheck.analysis.RequirementChange;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.RulesetAudit;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Action;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entry point reads every format, and its analyses agree with the classes it delegates to. */
class FwcheckTest {

    static final Path POSTMORTEM = root().resolve("rulesets/postmortem");

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("rulesets"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no rulesets/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static Verdict verdict(CheckResult result, String id) {
        return result.results().stream().filter(r -> r.requirement().id().equals(id)).findFirst().orElseThrow().verdict();
    }

    @Test
    void checks_the_sample_change_in_every_format() {
        Policy policy = Fwcheck.loadPolicy(POSTMORTEM.resolve("policy.yaml"));
        for (String file : List.of("proposed.yaml", "proposed.rules", "proposed.nft.json")) {
            CheckResult result = Fwcheck.check(Fwcheck.loadRuleset(POSTMORTEM.resolve(file)), policy);
            RequirementResult appToDb = result.results().get(0);
            assertThat(appToDb.verdict()).as(file).isEqualTo(Verdict.FAIL);
            assertThat(appToDb.violation().witness()).as(file).isPresent();
            assertThat(appToDb.decidedBy()).as(file).hasSize(1);
            assertThat(appToDb.decidedBy().get(0).location().file()).as(file).endsWith(file);
        }
        assertThat(Fwcheck.check(Fwcheck.loadRuleset(POSTMORTEM.resolve("current.yaml")), policy).verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void parses_text_in_a_named_format_like_the_loader_reads_the_file() throws Exception {
        String text = Files.readString(POSTMORTEM.resolve("proposed.rules"));
        Ruleset parsed = Fwcheck.parseRuleset(text, RulesetFormat.IPTABLES);
        Ruleset loaded = RulesetLoader.load(text, "<string>", LoadOptions.defaults());
        assertThat(parsed).isEqualTo(loaded);
        assertThat(parsed.source().file()).isEqualTo("<string>");
        assertThat(Fwcheck.parseRuleset(text)).isEqualTo(parsed);
        assertThatThrownBy(() -> Fwcheck.parseRuleset(text, RulesetFormat.NFTABLES))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("<string>:");
    }

    @Test
    void options_choose_the_chain() {
        Path file = POSTMORTEM.resolve("proposed.rules");
        Ruleset input = Fwcheck.loadRuleset(file, LoadOptions.defaults());
        Ruleset forward = Fwcheck.loadRuleset(file, LoadOptions.defaults().withHook(LoadOptions.Hook.FORWARD));
        assertThat(forward.name()).isNotEqualTo(input.name());
    }

    @Test
    void bad_input_is_an_input_exception_with_the_location() {
        assertThatThrownBy(() -> Fwcheck.loadRuleset(POSTMORTEM.resolve("no-such-file.yaml")))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> Fwcheck.parsePolicy("version: 1\nrequirements:\n  - id: x\n    must-allow: {}\n"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("<string>:4:");
        assertThatThrownBy(() -> Fwcheck.parseFlow("tcp 10.0.1.5 -> 10.0.2.10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing destination port");
    }

    @Test
    void diffs_with_a_policy() {
        Ruleset before = Fwcheck.loadRuleset(POSTMORTEM.resolve("current.yaml"));
        Ruleset after = Fwcheck.loadRuleset(POSTMORTEM.resolve("proposed.yaml"));
        DiffResult diff = Fwcheck.diff(before, after, Fwcheck.loadPolicy(POSTMORTEM.resolve("policy.yaml")));
        assertThat(diff.withStatus(RequirementChange.Status.REGRESSION))
                .extracting(c -> c.requirement().id()).containsExactly("app-to-db");
        assertThat(diff.newlyBlocked().total()).isEqualTo(1);
        assertThat(Fwcheck.diff(before, before).equivalent()).isTrue();
    }

    @Test
    void traces_and_classifies() {
        Ruleset proposed = Fwcheck.loadRuleset(POSTMORTEM.resolve("proposed.yaml"));
        TraceResult trace = Fwcheck.trace(proposed, "tcp 10.0.1.200 -> 10.0.2.10:5432");
        assertThat(trace.decidedBy()).isEqualTo("block-scanner");
        assertThat(trace.action()).contains(Action.DROP);

        Classification c = Fwcheck.classify(proposed, "tcp 10.0.1.0/24 -> 10.0.2.10:5432");
        assertThat(c.allAccepted()).isEqualTo(Verdict.FAIL);
        assertThat(c.denied().boxes()).singleElement().hasToString("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
        assertThat(c.deniedBy()).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("block-scanner"));
        assertThat(c.accepted().boxes()).singleElement().hasToString("tcp 10.0.1.0/25 -> 10.0.2.10 dport 5432 state new");
        assertThat(c.acceptedBy()).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("allow-app-postgres"));
        assertThat(c.decidedBy()).extracting(d -> d.name()).containsExactly("block-scanner", "allow-app-postgres");
        assertThat(c.uncertain().isEmpty()).isTrue();

        Classification lower = Fwcheck.classify(proposed, "tcp 10.0.1.0/25 -> 10.0.2.10:5432");
        assertThat(lower.allAccepted()).isEqualTo(Verdict.PASS);
        assertThat(lower.noneAccepted()).isEqualTo(Verdict.FAIL);
        assertThat(Fwcheck.classify(proposed, "tcp any -> 10.0.2.10:3306").noneAccepted()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anomalies_of_a_ruleset() {
        Ruleset ruleset = Fwcheck.ruleset("shadow")
                .accept("web", r -> r.protocol("tcp").ports("80,443"))
                .drop("http", r -> r.protocol("tcp").ports("80"))
                .build();
        assertThat(Fwcheck.anomalies(ruleset)).isNotEmpty()
                .anySatisfy(a -> assertThat(a.rule().id()).isEqualTo("http"));
        assertThat(verdict(Fwcheck.check(ruleset, Fwcheck.policy().mustAllow("web", "any", "any", "tcp/80").build()), "web"))
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void audits_a_ruleset_and_the_files_of_a_directory() {
        Ruleset ruleset = Fwcheck.ruleset("shadow")
                .accept("web", r -> r.protocol("tcp").ports("80,443"))
                .drop("http", r -> r.protocol("tcp").ports("80"))
                .build();
        RulesetAudit one = Fwcheck.audit(ruleset, AuditOptions.defaults());
        assertThat(one.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(FindingType.SHADOWED_RULE);
            assertThat(f.rule()).isEqualTo("http");
        });

        AuditResult all = Fwcheck.audit(List.of(Path.of("../rulesets/postmortem")), AuditOptions.defaults());
        assertThat(all.rulesets()).extracting(RulesetAudit::file)
                .contains("../rulesets/postmortem/current.yaml", "../rulesets/postmortem/proposed.rules");
        assertThat(all.skipped()).isNotEmpty();
    }
}
