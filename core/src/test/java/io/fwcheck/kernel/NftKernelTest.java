package io.fwcheck.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fwcheck.format.nftables.NftablesProgram;
import io.fwcheck.format.nftables.NftablesReader;
import io.fwcheck.kernel.KernelLab.Probe;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Ruleset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fwcheck's reading of {@code nft -j list ruleset} against the Linux kernel's own verdicts: each
 * hand-written nft ruleset (the samples under {@code core/src/test/resources/nftables/} and the
 * postmortem's {@code rulesets/postmortem/*.nft}) is loaded with {@code nft -f} into a
 * {@link KernelLab}, listed back with {@code nft -j list ruleset} and read by fwcheck; probes on
 * every rule's boundaries and random ones are sent, and for every probe whose verdict fwcheck
 * knows, it must be the kernel's. The lab counts what passed in its own base chain at input
 * priority 1000, after every base chain of these rulesets. Runs as root with ip, nft and python3
 * (CI installs them); skipped elsewhere.
 */
@Tag("kernel")
class NftKernelTest {

    private static final Path ROOT = NftRulesets.root();

    @BeforeAll
    static void kernelAvailable() {
        KernelLab.assumeAvailable();
    }

    static Stream<String> rulesets() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("core/src/test/resources/nftables"))) {
            files.map(p -> ROOT.relativize(p).toString()).filter(n -> n.endsWith(".nft")).sorted().forEach(out::add);
        }
        out.add("rulesets/postmortem/current.nft");
        out.add("rulesets/postmortem/proposed.nft");
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesets")
    void every_probe_gets_the_kernels_verdict(String file) throws IOException {
        Path path = ROOT.resolve(file);
        String source = Files.readString(path);
        try (KernelLab lab = KernelLab.create()) {
            KernelLab.Result loaded = lab.inFirewall(source, "nft", "-f", "-");
            assertThat(loaded.ok()).as("nft -f %s: %s", file, loaded.err()).isTrue();
            KernelLab.Result listed = lab.inFirewall(null, "nft", "-j", "list", "ruleset");
            assertThat(listed.ok()).as("nft -j list ruleset: %s", listed.err()).isTrue();
            String json = listed.out();
            checkStoredListing(path, json);

            NftablesProgram program = NftablesReader.readChains(json, file + " (as listed)", "input");
            Ruleset ruleset = program.flatten();
            List<Probe> probes = new ArrayList<>();
            long seed = file.hashCode();
            probes.addAll(Probes.choose(ruleset, IpFamily.IPV4, seed, 500));
            probes.addAll(Probes.choose(ruleset, IpFamily.IPV6, seed + 1, 500));
            KernelComparison c = KernelComparison.run(lab, ruleset, program::evaluate, probes);
            System.out.println(file + ": " + c);
            assertThat(c.mismatches()).as(c.toString()).isEmpty();
            if (ruleset.isCertain()) {
                assertThat(c.unknown()).isZero();
            }
            assertThat(c.compared() + c.unknown()).isEqualTo(probes.size());
        }
    }

    /**
     * The stored JSON next to a ruleset is what this nft lists for it, when the stored one was
     * made by the same nft version (other versions may print details differently).
     */
    private static void checkStoredListing(Path source, String listed) throws IOException {
        String name = source.getFileName().toString();
        Path stored = source.resolveSibling(name.startsWith("current") || name.startsWith("proposed")
                ? name + ".json" : name.replaceFirst("\\.nft$", ".json"));
        if (!Files.isRegularFile(stored)) {
            return;
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode live = mapper.readTree(listed);
        JsonNode kept = mapper.readTree(Files.readString(stored));
        if (live.path("nftables").path(0).path("metainfo").equals(kept.path("nftables").path(0).path("metainfo"))) {
            assertThat(kept).as("%s is the listing of %s (regenerate it)", stored, source).isEqualTo(live);
        }
    }
}
