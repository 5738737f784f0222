package io.fwcheck.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.iptables.SharedDumps;
import io.fwcheck.model.Ruleset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real iptables-save dump and nftables JSON file of the shared data folder (beside the
 * repository; a fresh clone does not have it, and then this is skipped), imported for every hook,
 * reads back equal from the native YAML it is converted to: what {@code fwcheck convert} shows is
 * exactly what fwcheck analyses.
 */
class RealDumpsRoundTripTest {

    /** Rulesets up to this many rules are also compared flow by flow; all are compared match by match. */
    private static final int SEMANTIC_LIMIT = 1_000;

    /**
     * YAML texts up to this size are read back. Rules inlined from a chain with many RETURN rules each
     * list all their exceptions, so some dumps make tens of megabytes: those are only written, to
     * keep the test quick.
     */
    private static final int READ_BACK_LIMIT = 4 << 20;

    private static List<Path> files() {
        List<Path> files = new ArrayList<>();
        Optional<Path> iptables = SharedDumps.folder();
        iptables.ifPresent(dir -> files.addAll(SharedDumps.files(dir)));
        iptables.map(dir -> dir.resolveSibling("other").resolve("nftables-json")).filter(Files::isDirectory)
                .ifPresent(dir -> {
                    try (Stream<Path> s = Files.walk(dir)) {
                        s.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return files;
    }

    @Test
    void every_real_dump_reads_back_equal_from_its_yaml() {
        List<Path> files = files();
        assumeTrue(!files.isEmpty(), "../shared/data is not present: no real dumps to convert");
        int converted = 0;
        int rules = 0;
        int large = 0;
        for (Path file : files) {
            String text = RulesetLoader.readDump(file);
            if (RulesetFormat.detect(text).format().filter(f -> f != RulesetFormat.YAML).isEmpty()) {
                continue;
            }
            for (Hook hook : Hook.values()) {
                Ruleset original;
                try {
                    original = RulesetLoader.load(text, file.toString(), LoadOptions.defaults().withHook(hook));
                } catch (InputException e) {
                    continue; // the importers' own tests say which files import
                }
                String yaml = YamlRulesetWriter.write(original);
                if (yaml.length() > READ_BACK_LIMIT) {
                    large++;
                    continue;
                }
                try {
                    if (original.rules().size() <= SEMANTIC_LIMIT) {
                        RoundTrip.assertRoundTrip(original);
                    } else {
                        Ruleset back = YamlRulesetReader.read(yaml, "converted.yaml");
                        assertThat(back.rules()).hasSameSizeAs(original.rules());
                        for (int i = 0; i < original.rules().size(); i++) {
                            assertThat(back.rules().get(i).id()).isEqualTo(original.rules().get(i).id());
                            assertThat(RoundTrip.placeless(back.rules().get(i).match()))
                                    .isEqualTo(RoundTrip.placeless(original.rules().get(i).match()));
                        }
                    }
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(file + " (" + hook.label() + "): " + e.getMessage(), e);
                }
                converted++;
                rules += original.rules().size();
            }
        }
        System.out.printf("converted %d real rulesets (file and hook) with %d rules to YAML and back;"
                + " %d more only to YAML (over %d MiB)%n", converted, rules, large, READ_BACK_LIMIT >> 20);
        assertThat(converted).isPositive();
    }
}
