package io.fwcheck.format.cloud;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.FlowParser;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Ruleset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loading cloud rulesets from text and tracing flows through them, for the tests of the cloud formats. */
public final class CloudTesting {

    private CloudTesting() {}

    /** Loads a ruleset from text named {@code file} with the options. */
    public static Ruleset load(String text, String file, LoadOptions options) {
        return RulesetLoader.load(text, file, options);
    }

    /** {@code accept}, {@code drop}, {@code reject} or {@code unknown}, for a flow as {@code fwcheck trace} takes it. */
    public static String verdict(Ruleset ruleset, String flow) {
        TraceResult t = Tracer.of(ruleset).trace(FlowParser.parse(flow));
        return t.verdict();
    }

    /** The id of the rule that decides a flow ({@code default} for the default action). */
    public static String decider(Ruleset ruleset, String flow) {
        TraceResult t = Tracer.of(ruleset).trace(FlowParser.parse(flow));
        return t.rule().map(r -> r.id()).orElse("default");
    }

    /** The repository root: the directory with {@code rulesets/} and {@code pom.xml}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("rulesets")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** {@code ../shared/data/other} from the repository root, when the machine has it. */
    public static Optional<Path> sharedOther() {
        Path dir = root().resolve("../shared/data/other").normalize();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }
}
