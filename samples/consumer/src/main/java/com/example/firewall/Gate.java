package com.example.firewall;

import io.fwcheck.Fwcheck;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.InputException;
import io.fwcheck.report.TextReport;
import java.nio.file.Path;

/**
 * A deployment gate: {@code Gate RULESET POLICY} prints the check report and exits 0 when every
 * requirement holds, 1 when one fails, 3 when one is unknown, 2 when a file cannot be read.
 */
public final class Gate {

    private Gate() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Gate RULESET POLICY");
            System.exit(2);
        }
        try {
            CheckResult result = Fwcheck.check(Fwcheck.loadRuleset(Path.of(args[0])), Fwcheck.loadPolicy(Path.of(args[1])));
            System.out.print(TextReport.check(result, false));
            System.exit(result.verdict() == Verdict.PASS ? 0 : result.verdict() == Verdict.FAIL ? 1 : 3);
        } catch (InputException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
