package io.fwcheck.format.iptables;

import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.chain.BaseChain;
import io.fwcheck.format.chain.Chain;
import io.fwcheck.format.chain.ChainEvaluator;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.Chains;
import io.fwcheck.format.chain.ChainFlattener;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chains of a dump's filter table as entered from one hook, before flattening: what
 * {@link ChainEvaluator} walks for a readable trace path, and what {@link #flatten()} turns into
 * the first-match ruleset fwcheck analyses. The hook's base chain starts with the rules fwcheck adds
 * so that every verdict it cannot vouch for is UNKNOWN: packets of the other address family, and
 * packets that rules of other tables may drop or change before (or drop after) the filter table.
 *
 * @param name the ruleset's name, e.g. {@code iptables filter INPUT}
 * @param family the dump's address family
 * @param hook the hook
 * @param chains every chain of the filter table by name, in the dump's order
 * @param bases the base chain of the hook (one)
 * @param source where the dump was read from
 */
public record ChainProgram(String name, IpFamily family, Hook hook, Map<String, Chain> chains, List<BaseChain> bases,
        SourceLocation source) implements Chains {

    public ChainProgram {
        chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
        bases = List.copyOf(bases);
    }

    /** The equivalent first-match ruleset, with these chains for its trace paths. */
    public Ruleset flatten() {
        return ChainFlattener.flatten(name, chains, bases, source).withChains(this);
    }

    /** Evaluates one flow through the chains, with the path of rules it takes. */
    public ChainPath evaluate(Flow flow) {
        return ChainEvaluator.evaluate(chains, bases, flow);
    }

    @Override
    public ChainPath walk(Flow flow) {
        return evaluate(flow);
    }
}
