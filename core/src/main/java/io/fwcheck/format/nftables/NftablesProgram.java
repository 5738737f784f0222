package io.fwcheck.format.nftables;

import io.fwcheck.format.chain.BaseChain;
import io.fwcheck.format.chain.Chain;
import io.fwcheck.format.chain.ChainEvaluator;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.Chains;
import io.fwcheck.format.chain.ChainFlattener;
import io.fwcheck.model.Action;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chains of an nftables ruleset as one hook sees them: every chain of the {@code ip},
 * {@code ip6} and {@code inet} tables by key ({@code filter/input}, or {@code ip6:filter/input}
 * where tables of several families share a name), and the base chains on the hook in the order
 * packets traverse them. {@link #flatten()} makes the first-match ruleset fwcheck analyses;
 * {@link #evaluate(Flow)} follows one flow through the chains, for trace paths.
 *
 * @param name the ruleset's name ({@code nftables-input})
 * @param chains every chain by key, rules in order
 * @param bases the base chains on the hook by priority; empty when no chain filters on it
 * @param source the file
 */
public record NftablesProgram(String name, Map<String, Chain> chains, List<BaseChain> bases, SourceLocation source)
        implements Chains {

    public NftablesProgram {
        chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
        bases = List.copyOf(bases);
    }

    /** The first-match ruleset with the same verdict as the chains for every packet, with the chains for its trace paths. */
    public Ruleset flatten() {
        if (bases.isEmpty()) {
            return new Ruleset(name, List.of(), Action.ACCEPT, source).withChains(this);
        }
        return ChainFlattener.flatten(name, chains, bases, source).withChains(this);
    }

    /** One flow through the base chains, rule by rule, as netfilter evaluates it. */
    public ChainPath evaluate(Flow flow) {
        return ChainEvaluator.evaluate(chains, bases, flow);
    }

    @Override
    public ChainPath walk(Flow flow) {
        return evaluate(flow);
    }
}
