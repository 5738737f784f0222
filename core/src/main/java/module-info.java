/**
 * fwcheck's library: proves firewall rule changes safe, exactly, over every address, port and
 * protocol.
 *
 * <p>Start with {@link io.fwcheck.Fwcheck}: it reads rulesets of every format and policies, checks,
 * diffs and traces, and makes rulesets and policies in code. The exported packages are the API:
 * <ul>
 *   <li>{@code io.fwcheck}: the entry point and the builders;</li>
 *   <li>{@code io.fwcheck.model}: rulesets, rules, matches, flows, policies and requirements;</li>
 *   <li>{@code io.fwcheck.analysis}: check, diff, trace and their immutable results;</li>
 *   <li>{@code io.fwcheck.engine}: exact sets of flows, which results summarise as boxes;</li>
 *   <li>{@code io.fwcheck.format} and {@code io.fwcheck.format.yaml}: reading every ruleset format,
 *       policies and flows, writing YAML;</li>
 *   <li>{@code io.fwcheck.report}: text, JSON, SARIF, JUnit, GitHub and Markdown reports.</li>
 * </ul>
 * The readers of the other formats ({@code io.fwcheck.format.iptables}, {@code .nftables},
 * {@code .chain}, …) are internal: read those formats through {@link io.fwcheck.Fwcheck} or
 * {@link io.fwcheck.format.RulesetLoader}.
 */
module io.fwcheck.core {
    requires org.yaml.snakeyaml;
    requires com.fasterxml.jackson.databind;
    requires java.xml;

    exports io.fwcheck;
    exports io.fwcheck.model;
    exports io.fwcheck.engine;
    exports io.fwcheck.analysis;
    exports io.fwcheck.format;
    exports io.fwcheck.format.yaml;
    exports io.fwcheck.report;

    // the JSON and SARIF reports are records that Jackson writes by reflection
    opens io.fwcheck.report to com.fasterxml.jackson.databind;
}
