package io.fwcheck.format.nftables;

import io.fwcheck.format.FlowParser;
import io.fwcheck.model.Flow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample rulesets under {@code core/src/test/resources/nftables/}: {@code NAME.nft} (the nft
 * source, for the kernel tests), {@code NAME.json} (its {@code nft -j list ruleset} output, or
 * written by hand) and {@code NAME.flows} (what fwcheck must decide for given flows).
 */
final class NftSamples {

    /** Where the data set of real-world nftables JSON files is, when the machine has it. */
    static final Path CORPUS = Path.of("/work/shared/data/other/nftables-json");

    private NftSamples() {}

    /** One expectation of a {@code .flows} file. */
    record Expectation(String hook, String verdict, Flow flow, int line) {
        @Override
        public String toString() {
            return hook + " " + verdict + " " + flow + " (line " + line + ")";
        }
    }

    /** The repository root: the directory with {@code rulesets/} and {@code pom.xml}. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("rulesets")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root with rulesets/ above " + Path.of("").toAbsolutePath());
    }

    static Path dir() {
        return root().resolve("core/src/test/resources/nftables");
    }

    static Path resource(String name) {
        return dir().resolve(name);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the samples (files NAME.json that have a NAME.flows). */
    static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".flows"))
                    .map(n -> n.substring(0, n.length() - ".flows".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every JSON ruleset to test against: the samples, the postmortem rulesets and the corpus when present. */
    static List<Path> allJson() {
        List<Path> out = new ArrayList<>();
        for (String name : names()) {
            out.add(resource(name + ".json"));
        }
        out.add(root().resolve("rulesets/postmortem/current.nft.json"));
        out.add(root().resolve("rulesets/postmortem/proposed.nft.json"));
        out.addAll(corpus());
        return out.stream().filter(Files::isRegularFile).toList();
    }

    /** The corpus files, or none when it is absent. */
    static List<Path> corpus() {
        if (!Files.isDirectory(CORPUS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The expectations of {@code NAME.flows}: lines {@code VERDICT FLOW}, and {@code hook NAME} to switch hooks. */
    static List<Expectation> expectations(String name) {
        List<Expectation> out = new ArrayList<>();
        String hook = "input";
        List<String> lines = read(resource(name + ".flows")).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts[0].equals("hook")) {
                hook = parts[1];
                continue;
            }
            out.add(new Expectation(hook, parts[0], FlowParser.parse(parts[1]), i + 1));
        }
        return out;
    }
}
