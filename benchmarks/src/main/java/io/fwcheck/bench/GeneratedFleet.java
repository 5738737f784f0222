package io.fwcheck.bench;

import io.fwcheck.format.yaml.YamlRulesetWriter;
import io.fwcheck.testing.RulesetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a fleet of generated rulesets for timing {@code fwcheck audit} on a directory:
 * {@code java -cp benchmarks/target/benchmarks.jar io.fwcheck.bench.GeneratedFleet OUT_DIR [COUNT [RULES]]}
 * writes {@code COUNT} (default 100) YAML rulesets {@code host-000.yaml}, {@code host-001.yaml}, … of
 * {@code RULES} (default 1,000) rules each to {@code OUT_DIR}, ruleset {@code i} from
 * {@code RulesetGenerator.seeded(i)}. Random rules overlap far more than real ones (about half
 * of them are shadowed): this fleet has 112,177 findings against the 81,146 of the
 * ClassBench one ({@link ClassBenchFleet}), and nearly twice its JSON. Then time
 * {@code ./fwcheck audit OUT_DIR --format json > /dev/null}.
 */
public final class GeneratedFleet {

    private GeneratedFleet() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: GeneratedFleet OUT_DIR [COUNT [RULES]]");
            System.exit(2);
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rules = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path out = Files.createDirectories(Path.of(args[0]));
        for (int i = 0; i < count; i++) {
            Files.writeString(out.resolve(String.format("host-%03d.yaml", i)),
                    YamlRulesetWriter.write(RulesetGenerator.seeded(i).generate(rules)));
        }
        System.out.println(count + " generated rulesets of " + rules + " rules written to " + out);
    }
}
