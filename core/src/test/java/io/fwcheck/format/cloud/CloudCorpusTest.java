package io.fwcheck.format.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Ruleset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every JSON file of the shared data set ({@code ../shared/data/other}, never copied into the
 * repository; skipped when absent) is told apart by its content, and every AWS, GCP, Azure and
 * Terraform file imports every ruleset it holds in both directions, or is refused with a clear
 * reason at its line and column. The table below says what each file is; a file that is not in it
 * fails the test, so that new data is looked at.
 */
class CloudCorpusTest {

    /** What a file is: its format and how many rulesets it holds, or the reason it is refused. */
    private record Expected(RulesetFormat format, int rulesets, String refusal) {
        static Expected imports(RulesetFormat format, int rulesets) {
            return new Expected(format, rulesets, null);
        }

        static Expected refused(RulesetFormat format, String reason) {
            return new Expected(format, 0, reason);
        }
    }

    private static final Map<String, Expected> EXPECTED = expected();

    private static Map<String, Expected> expected() {
        Map<String, Expected> m = new LinkedHashMap<>();
        m.put("aerleon/refs/sample_gce.gce", Expected.imports(RulesetFormat.GCP, 3));
        m.put("aws-cloudmapper/ec2-describe-security-groups.json", Expected.imports(RulesetFormat.AWS, 8));
        m.put("batfish/aws/NetworkAclIcmpTest.json", Expected.imports(RulesetFormat.AWS, 1));
        m.put("batfish/aws/NetworkAclTest.json", Expected.imports(RulesetFormat.AWS, 1));
        m.put("batfish/aws/NetworkAclV6Test.json", Expected.imports(RulesetFormat.AWS, 1));
        // Batfish's test of invalid port ranges: FromPort -1 with ToPort 50, which AWS does not accept
        m.put("batfish/aws/SecurityGroupTest.json", Expected.refused(RulesetFormat.AWS,
                "SecurityGroupTest.json:223:23: port range -1-50 is not valid at SecurityGroups[6].IpPermissions[0]"
                        + ".FromPort (expected FromPort <= ToPort, both 0-65535)"));
        m.put("batfish/aws/SecurityGroupTestDeser.json", Expected.imports(RulesetFormat.AWS, 1));
        m.put("batfish/aws/nat-gw_SecurityGroups.json", Expected.imports(RulesetFormat.AWS, 3));
        m.put("batfish/aws/tgw-asym_NetworkAcls.json", Expected.imports(RulesetFormat.AWS, 4));
        m.put("batfish/aws/tgw-asym_SecurityGroups.json", Expected.imports(RulesetFormat.AWS, 4));
        for (String nft : List.of("basic", "counter", "flow", "nat", "nftables-init", "setmap", "space-keys", "synproxy",
                "tproxy", "workstation", "workstation_combined")) {
            m.put("nftables-json/" + nft + ".json", Expected.imports(RulesetFormat.NFTABLES, 1));
        }
        return m;
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String text = RulesetLoader.readText(f).stripLeading();
                return text.startsWith("{") || text.startsWith("[");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void every_json_file_is_told_apart_and_every_cloud_file_imports_or_is_refused_with_a_reason() {
        Path dir = CloudTesting.sharedOther().orElse(null);
        assumeTrue(dir != null, "../shared/data/other is not present: no real-world cloud files to read");
        StringBuilder table = new StringBuilder("\n| file | format | rulesets | ingress rules | egress rules |\n"
                + "|---|---|---:|---:|---:|\n");
        int files = 0;
        for (Path file : jsonFiles(dir)) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            Expected expected = EXPECTED.get(name);
            assertThat(expected).as("%s is not in the table of this test", name).isNotNull();
            RulesetFormat.Detection detection = RulesetFormat.detect(RulesetLoader.readText(file));
            assertThat(detection.format()).as(name).contains(expected.format());
            files++;
            if (expected.format() == RulesetFormat.NFTABLES) {
                continue;
            }
            if (expected.refusal() != null) {
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> RulesetLoader.list(file, LoadOptions.defaults()));
                assertThat(thrown).as(name).isInstanceOf(InputException.class);
                assertThat(thrown.getMessage()).as(name).endsWith(expected.refusal());
                table.append("| ").append(name).append(" | refused | ").append(thrown.getMessage()
                        .substring(file.toString().length() + 1)).append(" | | |\n");
                continue;
            }
            int[] rules = new int[2];
            for (Hook hook : List.of(Hook.INPUT, Hook.OUTPUT)) {
                List<RulesetEntry> entries = RulesetLoader.list(file, LoadOptions.defaults().withHook(hook));
                assertThat(entries).as(name).hasSize(expected.rulesets());
                for (RulesetEntry e : entries) {
                    Ruleset r = RulesetLoader.load(file, LoadOptions.defaults().withHook(hook).withRuleset(e.name()));
                    assertThat(r.rules().size()).as("%s %s", name, e.name()).isGreaterThanOrEqualTo(e.rules());
                    rules[hook == Hook.INPUT ? 0 : 1] += e.rules();
                }
            }
            table.append("| ").append(name).append(" | ").append(expected.format().label()).append(" | ")
                    .append(expected.rulesets()).append(" | ").append(rules[0]).append(" | ").append(rules[1]).append(" |\n");
        }
        System.out.println(table);
        assertThat(files).isEqualTo(EXPECTED.size());
    }
}
