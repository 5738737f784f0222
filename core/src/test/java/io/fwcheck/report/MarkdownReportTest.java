package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.Differ;
import io.fwcheck.model.Action;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void a_regression_leads_with_the_verdict_and_a_requirements_table() {
        String md = MarkdownReport.diff(Samples.diff(), DiffGate.DEFAULT);

        assertThat(md).startsWith("### \u274c fwcheck: 1 requirement regressed: app-to-db\n")
                .contains("| | requirement | status | before \u2192 after | severity | what it demands |\n"
                        + "|---|---|---|---|---|---|\n"
                        + "| \u274c | `app-to-db` | regression | PASS \u2192 FAIL | error | app-servers must reach db on postgres |\n")
                .contains("<details><summary>Why <code>app-to-db</code> regressed</summary>\n\n```text\n")
                .contains("#### Newly blocked: 1 box\n")
                .contains("| `allow-app` (accept, `rulesets/postmortem/proposed.yaml:19:5`) | `block-scanner` (drop, ")
                .contains("#### Newly accepted: none\n")
                .contains("| added | `block-scanner` (drop) | `rulesets/postmortem/proposed.yaml:14:5` | blocks 1 box (`allow-app`"
                        + " \u2192 `block-scanner`) |\n");
        assertThat(md.split("<details>", -1)).hasSameSizeAs(md.split("</details>", -1));
    }

    @Test
    void a_passing_check_and_an_equivalent_change_are_green() {
        assertThat(MarkdownReport.check(Checker.check(Samples.current(), Samples.policy())))
                .startsWith("### \u2705 fwcheck: all 3 requirements hold\n")
                .doesNotContain("<details>");
        assertThat(MarkdownReport.diff(Differ.diff(Samples.current(), Samples.current()), DiffGate.DEFAULT))
                .startsWith("### \u2705 fwcheck: no policy to check; no packet's verdict changes\n")
                .contains("#### Rule changes: none\n");
    }

    @Test
    void a_failed_check_tables_each_requirement_and_folds_the_evidence() {
        String md = MarkdownReport.check(Checker.check(Samples.withRateLimit(), Samples.policy()));

        assertThat(md).startsWith("### \u26a0\ufe0f fwcheck: 1 requirement unknown\n")
                .contains("| \u26a0\ufe0f | `app-to-db` | UNKNOWN | error | app-servers must reach db on postgres |\n")
                .contains("because rule rate-limit uses -m recent --rcheck --seconds 60");
    }

    @Test
    void user_text_cannot_break_tables_or_inject_html() {
        List<io.fwcheck.model.Rule> rules = new ArrayList<>(Samples.proposed().rules());
        rules.set(2, Samples.rule("scan|<b>`x`</b>", Action.DROP, Samples.blockScanner().match(), 14));
        Ruleset odd = new Ruleset("db-input", rules, Action.DROP, Samples.at(3, 1));
        String md = MarkdownReport.diff(Differ.diff(Samples.current(), odd,
                DiffOptions.defaults().withPolicy(Samples.policy())), DiffGate.DEFAULT);

        assertThat(md).contains("| added | `` scan\\|<b>`x`</b> `` (drop) |")
                .doesNotContain("<b>`x`</b>`")
                .contains("decided by scan|<b>`x`</b>");
        for (String row : md.lines().filter(l -> l.startsWith("| added")).toList()) {
            assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(5);
        }
        assertThat(MarkdownReport.text("a|b <i>*c*</i> & [d](e)\nf")).isEqualTo(
                "a&#124;b &lt;i&gt;\\*c\\*&lt;/i&gt; &amp; \\[d\\](e) f");
        assertThat(MarkdownReport.html("<code>\"x\" & y</code>")).isEqualTo("&lt;code&gt;&quot;x&quot; &amp; y&lt;/code&gt;");
        assertThat(MarkdownReport.fence("a ``` b\n")).isEqualTo("````text\na ``` b\n````\n");
    }
}
