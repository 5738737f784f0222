package io.fwcheck.testing;

import io.fwcheck.analysis.Decision;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.UnknownCause;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.List;

/** Writes the evidence of a failed assertion: boxes with their number, an example flow, the deciding rules. */
final class Evidence {

    private final StringBuilder sb = new StringBuilder();

    Evidence line(String text) {
        sb.append(text).append('\n');
        return this;
    }

    /** The boxes of a set, at most the summary's cap, each on a line, then one example flow. */
    Evidence flows(String indent, FlowSummary flows) {
        for (FlowBox box : flows.boxes()) {
            sb.append(indent).append(box).append('\n');
        }
        if (flows.truncated()) {
            sb.append(indent).append("… and ").append(flows.total() - flows.boxes().size()).append(" more\n");
        }
        flows.witness().ifPresent(w -> sb.append(indent).append("e.g. ").append(w).append('\n'));
        return this;
    }

    /** One line per deciding rule: name, file:line:column, action, the number of boxes it decides. */
    Evidence deciders(String indent, List<Decision> decisions) {
        for (Decision d : decisions) {
            sb.append(indent).append("decided by ").append(decider(d)).append(' ').append(d.action().label())
                    .append(": ").append(boxes(d.flows().total()));
            d.flows().witness().ifPresent(w -> sb.append(", e.g. ").append(w));
            sb.append('\n');
        }
        return this;
    }

    Evidence causes(String indent, List<UnknownCause> causes) {
        for (UnknownCause c : causes) {
            sb.append(indent).append("because ").append(c).append('\n');
        }
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    /** {@code block-scanner (proposed.yaml:35:5)} or {@code the default policy (proposed.yaml:6:1)}. */
    static String decider(Decision d) {
        return d.rule().map(Rule::describe).orElse("the default policy (" + d.location() + ")");
    }

    /** {@code db01-input (rulesets/db.yaml)}. */
    static String ruleset(Ruleset ruleset) {
        return ruleset.name() + " (" + ruleset.source().file() + ")";
    }

    /** {@code 1 box}, {@code 3 boxes}. */
    static String boxes(long n) {
        return n + (n == 1 ? " box" : " boxes");
    }
}
