package io.fwcheck;

import io.fwcheck.model.SourceLocation;
import java.util.Set;

/**
 * Where the code calling the builders is: rules and requirements made in code are located at the
 * line of the call that made them, so reports point into the caller's source.
 */
final class CallSite {

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Set<String> OURS = Set.of(
            "io.fwcheck.Fwcheck", "io.fwcheck.RulesetBuilder", "io.fwcheck.PolicyBuilder", "io.fwcheck.CallSite");

    private CallSite() {}

    /** The first frame outside the builders: {@code FirewallTest.java:42:1}, or {@code <code>}. */
    static SourceLocation caller() {
        return WALKER.walk(frames -> frames
                .filter(f -> !ours(f.getClassName()))
                .findFirst()
                .map(f -> f.getFileName() == null || f.getLineNumber() <= 0
                        ? SourceLocation.code(f.getClassName())
                        : new SourceLocation(f.getFileName(), f.getLineNumber(), 1))
                .orElse(SourceLocation.code("code")));
    }

    private static boolean ours(String className) {
        int nested = className.indexOf('$');
        return OURS.contains(nested < 0 ? className : className.substring(0, nested));
    }
}
