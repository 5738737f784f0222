package io.fwcheck.format.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.format.chain.BaseChain;
import io.fwcheck.format.chain.Chain;
import io.fwcheck.format.chain.ChainRule;
import io.fwcheck.format.chain.Target;
import io.fwcheck.model.Unmodelled;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real-world {@code nft -j list ruleset} files of the shared data set (never copied into the
 * repository; skipped when absent) import for every hook, and a coverage table is printed: per
 * file the rules of its ip, ip6 and inet tables, how many are fully modelled, and the constructs
 * that make the others uncertain. docs/formats-nftables.md quotes the numbers.
 */
class NftablesCorpusTest {

    private static final Pattern SOURCE_RULE = Pattern.compile("^(.*#\\d+)");
    private static final Set<String> FIELD_WORDS = Set.of("meta", "ct", "ip", "ip6", "tcp", "udp", "sctp", "th",
            "icmp", "icmpv6", "fib", "rt", "socket", "exthdr", "type");

    /** Coverage of one file. */
    record Coverage(int rules, int modelled, Map<String, Integer> constructs) {}

    @Test
    void every_file_imports_for_every_hook_and_coverage_is_reported() {
        List<Path> files = NftSamples.corpus();
        assumeTrue(!files.isEmpty(), NftSamples.CORPUS + " is not present: no real-world nftables files to read");
        StringBuilder table = new StringBuilder("\n| file | rules | fully modelled | UNKNOWN constructs (rules) |\n"
                + "|---|---:|---:|---|\n");
        int rules = 0;
        int modelled = 0;
        Map<String, Integer> all = new TreeMap<>();
        for (Path file : files) {
            Coverage c = coverage(file);
            rules += c.rules();
            modelled += c.modelled();
            c.constructs().forEach((k, v) -> all.merge(k, v, Integer::sum));
            table.append("| ").append(file.getFileName()).append(" | ").append(c.rules()).append(" | ")
                    .append(c.modelled()).append(" | ").append(text(c.constructs())).append(" |\n");
        }
        table.append("| all ").append(files.size()).append(" files | ").append(rules).append(" | ").append(modelled)
                .append(" | ").append(text(all)).append(" |\n");
        System.out.println(table);
        assertThat(files).hasSize(11);
        assertThat(modelled).isPositive();
    }

    private static String text(Map<String, Integer> constructs) {
        if (constructs.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        constructs.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue() != 0 ? b.getValue() - a.getValue()
                        : a.getKey().compareTo(b.getKey()))
                .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append('`').append(e.getKey()).append("` ")
                        .append(e.getValue()));
        return sb.toString();
    }

    /**
     * Each rule is judged in the first hook (input, forward, output) whose base chains reach its
     * chain, where hook-specific constructs are read as that hook sees them; rules of chains no
     * base chain reaches are judged as the forward hook (both interfaces) would.
     */
    static Coverage coverage(Path file) {
        Map<String, NftablesProgram> programs = new LinkedHashMap<>();
        Map<String, Set<String>> reachable = new LinkedHashMap<>();
        for (String hook : NftablesReader.HOOKS) {
            NftablesProgram p = NftablesReader.readChains(file, hook);
            p.flatten();
            programs.put(hook, p);
            reachable.put(hook, reachable(p));
        }
        Map<String, List<ChainRule>> bySource = new LinkedHashMap<>();
        Set<String> sources = new LinkedHashSet<>();
        for (Chain chain : programs.get("forward").chains().values()) {
            if (chain.name().contains("#")) {
                continue; // entry and nat chains fwcheck adds
            }
            for (ChainRule r : chain.rules()) {
                sources.add(source(r.id()));
            }
        }
        for (String id : sources) {
            String chain = id.substring(0, id.lastIndexOf('#'));
            String hook = NftablesReader.HOOKS.stream().filter(h -> reachable.get(h).contains(chain)).findFirst()
                    .orElse("forward");
            List<ChainRule> parts = programs.get(hook).chains().get(chain).rules().stream()
                    .filter(r -> source(r.id()).equals(id)).toList();
            bySource.put(id, parts);
        }
        int modelled = 0;
        Map<String, Integer> constructs = new TreeMap<>();
        for (List<ChainRule> parts : bySource.values()) {
            Set<String> kinds = new LinkedHashSet<>();
            for (ChainRule r : parts) {
                for (Unmodelled u : r.match().uncertainties()) {
                    kinds.add(kind(u.construct()));
                }
            }
            if (kinds.isEmpty()) {
                modelled++;
            }
            kinds.forEach(k -> constructs.merge(k, 1, Integer::sum));
        }
        return new Coverage(bySource.size(), modelled, constructs);
    }

    private static String source(String id) {
        Matcher m = SOURCE_RULE.matcher(id);
        return m.find() ? m.group(1) : id;
    }

    private static Set<String> reachable(NftablesProgram p) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (BaseChain b : p.bases()) {
            todo.add(b.chain());
        }
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (!seen.add(c) || !p.chains().containsKey(c)) {
                continue;
            }
            for (ChainRule r : p.chains().get(c).rules()) {
                if (r.target() instanceof Target.Jump j) {
                    todo.add(j.chain());
                } else if (r.target() instanceof Target.Goto g) {
                    todo.add(g.chain());
                }
            }
        }
        return seen;
    }

    /** The kind of an unmodelled construct: {@code meta iif}, {@code tcp flags}, {@code limit}, {@code ip saddr @set}. */
    static String kind(String construct) {
        String c = construct.replace("(", "").strip();
        String[] words = c.split(" ");
        String kind = words.length > 1 && FIELD_WORDS.contains(words[0]) ? words[0] + " " + words[1] : words[0];
        if (c.contains(" @") && !construct.contains("(its effect")) {
            kind += " @set";
        }
        return kind;
    }
}
