package io.fwcheck.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.chain.Chain;
import io.fwcheck.format.chain.ChainRule;
import io.fwcheck.format.chain.Target;
import io.fwcheck.format.iptables.ChainProgram;
import io.fwcheck.format.iptables.IptablesReader;
import io.fwcheck.format.iptables.SharedDumps;
import io.fwcheck.kernel.KernelLab.Probe;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Ruleset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * fwcheck's reading of iptables-save dumps against the Linux kernel's own verdicts: each dump is
 * loaded with iptables-restore into a {@link KernelLab}, probes on every rule's boundaries and
 * random ones are sent, and for every probe fwcheck's trace of the imported ruleset must agree
 * with what the kernel accepted. Runs as root with ip, iptables-restore, ip6tables-restore, nft
 * and python3 (CI installs them); skipped elsewhere.
 */
@Tag("kernel")
class IptablesKernelTest {

    @BeforeAll
    static void kernelAvailable() {
        KernelLab.assumeAvailable("iptables-restore", "ip6tables-restore");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = IptablesKernelTest.class.getResourceAsStream("/iptables/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static KernelComparison compare(String dump, String name, IpFamily family, long seed, int max) {
        ChainProgram program = IptablesReader.readChains(dump, name, LoadOptions.defaults());
        assertThat(program.family()).isEqualTo(family);
        Ruleset ruleset = program.flatten();
        List<Probe> probes = Probes.choose(ruleset, family, seed, max);
        try (KernelLab lab = KernelLab.create()) {
            lab.loadIptables(family, dump);
            return KernelComparison.run(lab, ruleset, program::evaluate, probes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel-v4.rules", "kernel-v6.rules"})
    void tricky_rulesets_get_the_kernels_verdict_for_every_probe(String file) throws IOException {
        IpFamily family = file.contains("v6") ? IpFamily.IPV6 : IpFamily.IPV4;
        KernelComparison c = compare(resource(file), file, family, 20261124L, 1500);
        System.out.println(file + ": " + c);
        assertThat(c.mismatches()).as(c.toString()).isEmpty();
        assertThat(c.unknown()).isZero();
        assertThat(c.compared()).isGreaterThan(300);
        assertThat(c.accepted()).as("probes accepted").isBetween(c.compared() / 20, c.compared() - c.compared() / 20);
    }

    /**
     * iptables-restore input that appends to INPUT without declaring it: the kernel keeps the
     * chain's policy (ACCEPT in a fresh namespace), which the file does not tell, so the probes that
     * reach the end of the chain are UNKNOWN and every other probe gets the kernel's verdict.
     */
    @Test
    void a_restore_file_that_does_not_declare_input_leaves_only_the_end_of_the_chain_unknown() throws IOException {
        // the chain ends in logdrop, which returns what it neither accepts nor drops: to the policy
        String undeclared = resource("kernel-v4.rules").replaceAll("(?m)^:INPUT .*\n", "");
        KernelComparison open = compare(undeclared, "restore-v4.rules", IpFamily.IPV4, 20261126L, 600);
        System.out.println("undeclared INPUT, open at its end: " + open);
        assertThat(open.mismatches()).as(open.toString()).isEmpty();
        assertThat(open.unknown()).isPositive();
        assertThat(open.compared()).isGreaterThan(100);

        // packets that -g admin sends to the end of admin go to the policy too: admin is closed as well
        String closed = undeclared.replaceAll("(?m)^(-A INPUT -j logdrop\n)", "$1-A INPUT -j DROP\n")
                .replaceAll("(?m)^(-A admin -d 10.1.0.0/16 -j DROP\n)", "$1-A admin -j DROP\n");
        KernelComparison c = compare(closed, "restore-v4.rules", IpFamily.IPV4, 20261126L, 600);
        System.out.println("undeclared INPUT, closed by last rules: " + c);
        assertThat(c.mismatches()).as(c.toString()).isEmpty();
        assertThat(c.unknown()).isZero();
        assertThat(c.compared()).isGreaterThan(300);
    }

    /**
     * The same tricky rules in the FORWARD and OUTPUT chains, after rules on the output interface,
     * probed through a lab that forwards every routable probe from eth0 out of eth1, or sends it
     * itself out of eth0.
     */
    @ParameterizedTest
    @CsvSource({"kernel-v4.rules, FORWARD", "kernel-v6.rules, FORWARD", "kernel-v4.rules, OUTPUT",
        "kernel-v6.rules, OUTPUT"})
    void the_forward_and_output_chains_get_the_kernels_verdict_for_every_routed_probe(String file, Hook hook)
            throws IOException {
        IpFamily family = file.contains("v6") ? IpFamily.IPV6 : IpFamily.IPV4;
        String dump = moved(resource(file), hook);
        ChainProgram program = IptablesReader.readChains(dump, file, LoadOptions.defaults().withHook(hook));
        Ruleset ruleset = program.flatten();
        List<Probe> probes = Probes.choose(ruleset, family, 20261125L, 1500);
        KernelComparison c;
        try (KernelLab lab = KernelLab.create(hook)) {
            lab.loadIptables(family, dump);
            c = KernelComparison.run(lab, ruleset, program::evaluate, probes);
        }
        System.out.println(file + " as " + hook + ": " + c);
        assertThat(c.mismatches()).as(c.toString()).isEmpty();
        assertThat(c.unknown()).isZero();
        assertThat(c.compared()).isGreaterThan(300);
        assertThat(c.accepted()).as("probes accepted").isBetween(c.compared() / 20, c.compared() - c.compared() / 20);
    }

    /**
     * A dump's INPUT rules moved to the chain of {@code hook} (the two chains swap policies; for
     * OUTPUT, input interfaces become output interfaces), after two rules on the output interface:
     * one that matches some probes, one that never does.
     */
    static String moved(String dump, Hook hook) {
        String chain = hook.name();
        String out = hook == Hook.FORWARD ? KernelLab.OUT_INTERFACE : KernelLab.INTERFACE;
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (String line : dump.split("\n", -1)) {
            if (line.startsWith(":INPUT ")) {
                sb.append(':').append(chain).append(' ').append(line.substring(":INPUT ".length()));
            } else if (line.startsWith(":" + chain + " ")) {
                sb.append(":INPUT ").append(line.substring(chain.length() + 2));
            } else if (line.startsWith("-A INPUT ")) {
                if (first) {
                    sb.append("-A ").append(chain).append(" -p udp -m udp --dport 5000:5100 -o ").append(out)
                            .append(" -j DROP\n-A ").append(chain).append(" -p tcp -m tcp --dport 5000:5100 ! -o eth+")
                            .append(" -j DROP\n");
                    first = false;
                }
                String rule = line.substring("-A INPUT ".length());
                sb.append("-A ").append(chain).append(' ').append(hook == Hook.OUTPUT ? rule.replace("-i ", "-o ") : rule);
            } else {
                sb.append(line);
            }
            sb.append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    @Test
    void the_postmortem_dumps_get_the_kernels_verdict() throws IOException {
        Path dir = Path.of("..", "rulesets", "postmortem");
        for (String f : List.of("current.rules", "proposed.rules", "current6.rules", "proposed6.rules")) {
            String dump = RulesetLoader.readDump(dir.resolve(f));
            IpFamily family = f.contains("6") ? IpFamily.IPV6 : IpFamily.IPV4;
            KernelComparison c = compare(dump, f, family, 7L, 600);
            System.out.println(f + ": " + c);
            assertThat(c.mismatches()).as(c.toString()).isEmpty();
            assertThat(c.compared()).isGreaterThan(200);
        }
    }

    /**
     * The real dumps of the shared data: their filter table, with the rules whose verdict fwcheck
     * cannot vouch for (unmodelled conditions, unknown targets) and rules that only log or mark
     * left out, so the kernel loads it; what remains is compared exactly.
     */
    @Test
    void real_dumps_fully_modelled_rules_get_the_kernels_verdict() {
        Optional<Path> dir = SharedDumps.folder();
        assumeTrue(dir.isPresent(), "../shared/data/iptables is not present: no real dumps to compare");
        int dumps = 0;
        List<String> failures = new ArrayList<>();
        long seed = 1;
        for (Path file : SharedDumps.files(dir.get())) {
            String name = SharedDumps.name(dir.get(), file);
            String text = RulesetLoader.readDump(file);
            if (RulesetFormat.detect(text).format().orElse(null) != RulesetFormat.IPTABLES || !text.contains("*filter")) {
                continue;
            }
            String subset;
            ChainProgram program;
            try {
                subset = modelledFilterTable(text, name);
                program = IptablesReader.readChains(subset, name, LoadOptions.defaults());
            } catch (RuntimeException e) {
                continue; // not a plain dump: the coverage test reports it
            }
            Ruleset ruleset = program.flatten();
            if (ruleset.rules().size() < 2) {
                continue;
            }
            List<Probe> probes = Probes.choose(ruleset, program.family(), seed++, 400);
            KernelComparison c;
            try (KernelLab lab = KernelLab.create()) {
                lab.loadIptables(program.family(), subset);
                c = KernelComparison.run(lab, ruleset, program::evaluate, probes);
            }
            dumps++;
            System.out.println(name + ": " + c);
            if (!c.mismatches().isEmpty()) {
                failures.add(name + ": " + c + "\n  " + String.join("\n  ", c.mismatches().subList(0, Math.min(5,
                        c.mismatches().size()))));
            }
        }
        assertThat(failures).as("dumps whose verdicts differ from the kernel's").isEmpty();
        assertThat(dumps).isPositive();
    }

    /** The dump's filter table without the lines of rules that are uncertain or only log, mark or count. */
    static String modelledFilterTable(String text, String name) {
        String[] lines = text.split("\n", -1);
        StringBuilder filter = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            String s = line.strip();
            if (s.equals("*filter")) {
                in = true;
            }
            // iptables-restore refuses a COMMIT with trailing blanks, which fwcheck reads
            filter.append(in || s.startsWith("#") ? line.stripTrailing() : "").append('\n');
            if (in && s.equals("COMMIT")) {
                in = false;
            }
        }
        String only = filter.toString();
        ChainProgram program = IptablesReader.readChains(only, name, LoadOptions.defaults());
        Set<Integer> drop = new HashSet<>();
        for (Chain chain : program.chains().values()) {
            for (ChainRule r : chain.rules()) {
                if (!r.named() && (!r.match().isCertain() || r.target() instanceof Target.Continue)) {
                    drop.add(r.location().line());
                }
            }
        }
        String[] out = only.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < out.length; i++) {
            if (!drop.contains(i + 1)) {
                sb.append(out[i]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
