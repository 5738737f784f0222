package io.fwcheck.format.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.chain.Chain;
import io.fwcheck.format.chain.ChainRule;
import io.fwcheck.format.chain.Target;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Unmodelled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Imports every real dump of the shared data: each iptables-save file must import for every hook;
 * files that are something else are skipped with the reason. Prints per dump the number of filter
 * rules, how many are fully modelled and the unmodelled constructs, and writes the table to
 * {@code target/iptables-coverage.md} (docs/formats.md quotes it).
 */
class RealDumpsCoverageTest {

    private static final Pattern CONSTRUCT = Pattern.compile(
            "^(-m \\S+ (?:! )?--[\\w-]+|-m \\S+|-j \\S+|! -f|-f|-[sd]|! -[sd]|IPv[46] packets|:\\S+ DROP \\(the policy\\))");

    private static final Pattern OTHER_TABLE = Pattern.compile("^(-j \\S+|:\\S+ DROP).* in table (\\S+), chain (\\S+) ");

    record Stats(String file, String family, int rules, int modelled, Map<String, Integer> constructs, int flattened,
            long millis) {}

    @Test
    void every_real_iptables_save_dump_imports_and_its_unmodelled_constructs_are_counted() throws IOException {
        Optional<Path> dir = SharedDumps.folder();
        assumeTrue(dir.isPresent(), "../shared/data/iptables is not present: no real dumps to import");
        List<Stats> stats = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : SharedDumps.files(dir.get())) {
            String name = SharedDumps.name(dir.get(), file);
            String text = RulesetLoader.readDump(file);
            RulesetFormat.Detection d = RulesetFormat.detect(text);
            if (d.format().orElse(null) != RulesetFormat.IPTABLES) {
                skipped.add(name + ": " + d.format().map(f -> "a " + f.label() + " file").orElse(d.reason()));
                continue;
            }
            long start = System.nanoTime();
            ChainProgram program;
            try {
                program = IptablesReader.readChains(text, name, LoadOptions.defaults());
            } catch (InputException e) {
                assertThat(e.problem()).as(e.getMessage()).endsWith("is not iptables-save syntax");
                skipped.add(name + ": not a plain dump (" + e.location() + ": " + e.problem() + ")");
                continue;
            }
            Ruleset input = program.flatten();
            long millis = (System.nanoTime() - start) / 1_000_000;
            for (Hook hook : List.of(Hook.FORWARD, Hook.OUTPUT)) {
                assertThat(IptablesReader.read(text, name, LoadOptions.defaults().withHook(hook)).rules()).isNotNull();
            }
            stats.add(stats(name, program, input.rules().size(), millis));
        }
        String table = render(stats, skipped);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "iptables-coverage.md"), table);
        assertThat(stats).isNotEmpty();
    }

    static Stats stats(String name, ChainProgram program, int flattened, long millis) {
        Map<Integer, Boolean> lines = new HashMap<>();
        Map<String, Integer> constructs = new TreeMap<>();
        Set<String> counted = new HashSet<>();
        for (Chain chain : program.chains().values()) {
            for (ChainRule r : chain.rules()) {
                // fwcheck's own rules: the other family's guard, and rules of other tables on the hook's path
                boolean synthetic = r.named() || r.id().matches("(nat|mangle|raw|security):.*");
                boolean certain = r.match().isCertain();
                if (!synthetic) {
                    lines.merge(r.location().line(), certain, Boolean::logicalAnd);
                }
                for (Unmodelled u : r.match().uncertainties()) {
                    if (counted.add(u.location() + " " + u.construct())) {
                        constructs.merge(kind(u.construct()), 1, Integer::sum);
                    }
                }
            }
        }
        int modelled = (int) lines.values().stream().filter(b -> b).count();
        return new Stats(name, program.family().label(), lines.size(), modelled, constructs, flattened, millis);
    }

    /** The kind of a construct: {@code -m limit}, {@code -m tcp --tcp-flags}, {@code -j NFQUEUE}, …. */
    static String kind(String construct) {
        Matcher t = OTHER_TABLE.matcher(construct);
        if (t.find()) {
            return t.group(1) + " in " + t.group(2) + " " + t.group(3);
        }
        Matcher m = CONSTRUCT.matcher(construct);
        return m.find() ? m.group(1) : construct.split(" ")[0];
    }

    private static String render(List<Stats> stats, List<String> skipped) {
        StringBuilder sb = new StringBuilder();
        sb.append("| dump | family | filter rules | fully modelled | INPUT rules flattened | ms | unmodelled constructs (count) |\n");
        sb.append("|---|---|---:|---:|---:|---:|---|\n");
        int rules = 0;
        int modelled = 0;
        Map<String, Integer> total = new TreeMap<>();
        for (Stats s : stats) {
            rules += s.rules();
            modelled += s.modelled();
            s.constructs().forEach((k, v) -> total.merge(k, v, Integer::sum));
            sb.append("| ").append(s.file()).append(" | ").append(s.family()).append(" | ").append(s.rules())
                    .append(" | ").append(s.modelled()).append(" | ").append(s.flattened()).append(" | ")
                    .append(s.millis()).append(" | ").append(constructs(s.constructs())).append(" |\n");
        }
        sb.append("| **").append(stats.size()).append(" dumps** | | **").append(rules).append("** | **").append(modelled)
                .append("** | | | ").append(constructs(total)).append(" |\n");
        sb.append("\nSkipped (not iptables-save dumps):\n\n");
        skipped.forEach(s -> sb.append("- ").append(s).append('\n'));
        return sb.toString();
    }

    private static String constructs(Map<String, Integer> m) {
        return m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> "`" + e.getKey() + "` " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
