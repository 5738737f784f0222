package io.fwcheck.format.cisco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Unmodelled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Cisco file of the shared data (Batfish's IOS and ASA test configurations, the Stanford
 * backbone router configurations, Aerleon's IOS, ASA, NX-OS and IOS XR references) imports, list
 * by list, or is refused with a reason. Writes the table of lists, rules, fully modelled rules and
 * unmodelled constructs to {@code target/cisco-coverage.md} (docs/formats-cisco.md quotes it).
 */
class SharedCiscoCoverageTest {

    /** The files and what is expected of each: "ok", or the start of the reason it is refused. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        for (String f : List.of("asa-acl-object", "asa-filters", "asa-filters-global")) {
            EXPECTED.put("batfish/cisco_asa/" + f, "ok");
        }
        EXPECTED.put("batfish/cisco_asa/aclAsa", "address 1.2.3.4 has bits set outside netmask 255.255.255.0");
        for (String f : List.of("asa-nested-network-object-group", "asa-nested-service-object-group", "asa-service-object")) {
            EXPECTED.put("batfish/cisco_asa/" + f, "the file holds no access list");
        }
        for (String f : List.of("aclIos", "ios-acl", "ios-acl-object-group", "ios-acl-portgroup")) {
            EXPECTED.put("batfish/cisco_ios/" + f, "ok");
        }
        for (String f : List.of("sample_cisco_lab.acl", "sample_multitarget.acl", "sample_multitarget.asa",
                "sample_multitarget.nxacl", "sample_multitarget.xacl")) {
            EXPECTED.put("aerleon/refs/" + f, "ok");
        }
    }

    @Test
    void every_cisco_file_imports_or_is_refused_with_a_reason() throws IOException {
        Path dir = SharedCiscoFiles.folder().orElse(null);
        assumeTrue(dir != null, "../shared/data/other is not present: no Cisco files to import");
        Map<String, String> expected = new LinkedHashMap<>(EXPECTED);
        try (Stream<Path> s = Files.list(dir.resolve("cisco-ios-stanford"))) {
            s.filter(p -> p.getFileName().toString().endsWith("_config.txt")).sorted()
                    .forEach(p -> expected.put(dir.relativize(p).toString(), "ok"));
        }
        StringBuilder table = new StringBuilder("| file | format | lists | rules | fully modelled | unmodelled constructs"
                + " (count) |\n|---|---|---:|---:|---:|---|\n");
        int[] totals = new int[3];
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = dir.resolve(e.getKey());
            assumeTrue(Files.exists(file), "missing " + file);
            String name = e.getKey();
            try {
                List<RulesetEntry> lists = RulesetLoader.list(file, LoadOptions.defaults());
                RulesetFormat format = RulesetFormat.detect(RulesetLoader.readText(file)).format().orElseThrow();
                int rules = 0;
                int certain = 0;
                Map<String, Integer> constructs = new TreeMap<>();
                for (RulesetEntry list : lists) {
                    Ruleset r = RulesetLoader.load(file, LoadOptions.defaults().withRuleset(list.name()));
                    for (Rule rule : r.rules()) {
                        if (rule.id().contains("-not-in-acl") || rule.id().startsWith("asa-")) {
                            continue;
                        }
                        rules++;
                        certain += rule.match().isCertain() ? 1 : 0;
                        for (Unmodelled u : rule.match().uncertainties()) {
                            constructs.merge(u.construct().split(" \\(")[0], 1, Integer::sum);
                        }
                    }
                }
                if (lists.isEmpty()) {
                    RulesetLoader.load(file, LoadOptions.defaults());
                }
                assertThat("ok").as(name).isEqualTo(e.getValue());
                totals[0] += lists.size();
                totals[1] += rules;
                totals[2] += certain;
                List<String> parts = new ArrayList<>();
                constructs.forEach((k, v) -> parts.add("`" + k + "` " + v));
                table.append("| ").append(name).append(" | ").append(format.label()).append(" | ").append(lists.size())
                        .append(" | ").append(rules).append(" | ").append(certain).append(" | ")
                        .append(String.join(", ", parts)).append(" |\n");
            } catch (InputException refused) {
                assertThat(refused.getMessage()).as(name).contains(e.getValue());
                assertThat(e.getValue()).as(name + ": " + refused.getMessage()).isNotEqualTo("ok");
                table.append("| ").append(name).append(" | refused | | | | ").append(refused.problem()).append(" |\n");
            }
        }
        table.append("| all | | ").append(totals[0]).append(" | ").append(totals[1]).append(" | ").append(totals[2])
                .append(" | |\n");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "cisco-coverage.md"), table);
        System.out.print(table);
        assertThat(totals[1]).isGreaterThan(1000);
        assertThat(totals[2]).as("most rules are fully modelled").isGreaterThan(totals[1] * 9 / 10);
    }
}
