package io.fwcheck.bench;

import io.fwcheck.format.yaml.YamlRulesetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a fleet of ClassBench rulesets for timing {@code fwcheck audit} on a directory:
 * {@code java -cp benchmarks/target/benchmarks.jar io.fwcheck.bench.ClassBenchFleet OUT_DIR [COUNT]}
 * writes {@code COUNT} (default 100) YAML rulesets {@code cb0.yaml}, {@code cb1.yaml}, … to
 * {@code OUT_DIR}, taking the ClassBench 1k files of {@code neurocuts/} and {@code cutsplit/} (15
 * files of 857 to 990 rules) in turn, each with its own name. Then time
 * {@code ./fwcheck audit OUT_DIR --format json > /dev/null}. The data directory is found as
 * {@link ClassBench#dataDirectory()} says.
 */
public final class ClassBenchFleet {

    private ClassBenchFleet() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ClassBenchFleet OUT_DIR [COUNT]");
            System.exit(2);
        }
        Path data = ClassBench.dataDirectory().orElse(null);
        if (data == null) {
            System.err.println("no ClassBench data at " + ClassBench.whereLooked());
            System.exit(2);
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Path> sources = new ArrayList<>();
        for (String set : List.of("neurocuts", "cutsplit")) {
            try (Stream<Path> files = Files.list(data.resolve("classbench").resolve(set))) {
                files.filter(p -> p.getFileName().toString().endsWith("_1k")).sorted().forEach(sources::add);
            }
        }
        if (sources.isEmpty()) {
            System.err.println("no ClassBench 1k files under " + data.resolve("classbench"));
            System.exit(2);
        }
        List<String> texts = new ArrayList<>();
        for (Path source : sources) {
            texts.add(YamlRulesetWriter.write(ClassBench.read(source)));
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        for (int i = 0; i < count; i++) {
            String text = texts.get(i % texts.size()).replaceFirst("\nname: ([^\n]*)", "\nname: $1-" + i);
            Files.writeString(out.resolve("cb" + i + ".yaml"), text);
        }
        System.out.println(count + " rulesets from " + sources.size() + " ClassBench files written to " + out);
    }
}
