package io.fwcheck.engine;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The manager of one family of flow-set diagrams: it hash-conses their nodes, so equal sets share
 * one diagram, and memoises operations. Sets from different spaces must not be combined.
 *
 * <p>Thread-safety: a FlowSpace and the sets made from it are confined to one thread at a time.
 * Create one space per analysis (each analysis in {@code io.fwcheck.analysis} does); diagrams are
 * immutable once built, so a finished {@link RuleMap} may be read from many threads.
 *
 * <p>Every set a space hands out holds only canonical flows (see {@link Flow}): the universe
 * {@link #all()} restricts IPv4 addresses to 32 bits, ports to protocols with ports and ICMP
 * type/code to ICMP in IPv4 and ICMPv6 in IPv6.
 */
public final class FlowSpace {

    private static final long V4_MAX = 0xFFFF_FFFFL;

    /** Terminals looked up by value without boxing: values from {@code -1} to {@code SMALL - 2}. */
    private static final int SMALL = 1025;

    /**
     * The unique table. Strong while small; weak once large, so nodes no live diagram uses any more
     * (the intermediate results of compiling a large ruleset) are freed.
     */
    private final UniqueTable unique = new UniqueTable();
    private final Node[] smallTerminals = new Node[SMALL];
    private final Map<Integer, Node> terminals = new HashMap<>();
    /**
     * Work arrays of {@link #apply}, one set per level: an operation on nodes of one level only
     * recurses into deeper levels, so each level's arrays are in use by one call at a time.
     */
    private final long[][] scratchHi = new long[Level.TERMINAL][16];
    private final long[][] scratchLo = new long[Level.TERMINAL][16];
    private final Node[][] scratchKids = new Node[Level.TERMINAL][16];
    /** The pairs an intersection test has visited; reused, since a space serves one thread. */
    private final LongSet visited = new LongSet();
    /** The memo of {@link #apply}; reused, since a space serves one thread and operations do not nest. */
    private final LongNodeMap memo = new LongNodeMap();
    private final int nodeBudget;
    /** Whether the diagrams test the destination address before the source address. */
    private final boolean destinationFirst;
    private int nextId;
    final Node zero;
    final Node one;
    private final Node universe;
    private Node untracked;

    public FlowSpace() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A space that refuses to grow past {@code nodeBudget} inner nodes.
     *
     * @throws DiagramTooLargeException from any operation that would exceed it
     */
    public FlowSpace(int nodeBudget) {
        this(nodeBudget, LevelOrder.byDefault());
    }

    /**
     * A space whose diagrams test the address fields in the order that suits the rules (see
     * {@link LevelOrder}): the same sets and answers in either order, but far smaller diagrams
     * where many rules match every source and few every destination.
     */
    public static FlowSpace suitedTo(List<Rule> rules) {
        return suitedTo(rules, Integer.MAX_VALUE);
    }

    /** {@link #suitedTo(List)} with a node budget, as {@link #FlowSpace(int)}. */
    public static FlowSpace suitedTo(List<Rule> rules, int nodeBudget) {
        return new FlowSpace(nodeBudget, LevelOrder.destinationFirst(rules));
    }

    /** A space whose diagrams test the address fields in the given order, whatever the default. */
    static FlowSpace ordered(boolean destinationFirst) {
        return new FlowSpace(Integer.MAX_VALUE, destinationFirst);
    }

    private FlowSpace(int nodeBudget, boolean destinationFirst) {
        this.nodeBudget = nodeBudget;
        this.destinationFirst = destinationFirst;
        zero = terminal(0);
        one = terminal(1);
        universe = buildUniverse();
    }

    /** True when this space's diagrams test the destination address before the source address. */
    public boolean destinationFirst() {
        return destinationFirst;
    }

    /** The depth in this space's diagrams of a field's level. */
    int depth(Level field) {
        return field(field.ordinal()).ordinal();
    }

    /** The field a depth of this space's diagrams tests (the swap of the address levels is its own inverse). */
    Level field(int depth) {
        Level lv = Level.ALL[depth];
        if (!destinationFirst) {
            return lv;
        }
        return lv == Level.SOURCE ? Level.DESTINATION : lv == Level.DESTINATION ? Level.SOURCE : lv;
    }

    // ---- sets users build --------------------------------------------------------------------

    /** Every canonical flow. */
    public FlowSet all() {
        return wrap(universe);
    }

    public FlowSet none() {
        return wrap(zero);
    }

    /** The flows whose modelled conditions the match accepts (unmodelled conditions ignored). */
    public FlowSet of(Match match) {
        return wrap(matchNode(match));
    }

    /** The set holding exactly one flow. */
    public FlowSet of(Flow flow) {
        long[][][] box = anyBox();
        box[Level.FAMILY.ordinal()] = point(0, flow.family() == IpFamily.IPV4 ? 0 : 1);
        box[Level.PROTOCOL.ordinal()] = point(0, flow.protocol());
        box[Level.SOURCE.ordinal()] = point(flow.source().hi(), flow.source().lo());
        box[Level.DESTINATION.ordinal()] = point(flow.destination().hi(), flow.destination().lo());
        box[Level.SOURCE_PORT.ordinal()] = point(0, flow.sourcePort());
        box[Level.DESTINATION_PORT.ordinal()] = point(0, flow.destinationPort());
        box[Level.ICMP.ordinal()] = point(0, flow.icmpValue());
        box[Level.STATE.ordinal()] = point(0, flow.state().ordinal());
        box[Level.IN_INTERFACE.ordinal()] = point(InterfaceCodec.hi(flow.inInterface()), InterfaceCodec.lo(flow.inInterface()));
        box[Level.OUT_INTERFACE.ordinal()] = point(InterfaceCodec.hi(flow.outInterface()), InterfaceCodec.lo(flow.outInterface()));
        return wrap(and(box(box), universe));
    }

    /** Each rule's match, in rule order, as {@link #of(Match)} makes it. */
    public List<FlowSet> matches(List<Rule> rules) {
        List<FlowSet> out = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            out.add(of(rule.match()));
        }
        return List.copyOf(out);
    }

    /** Flows whose source address is in the set. */
    public FlowSet sources(AddressSet addresses) {
        return wrap(addressNode(Level.SOURCE, addresses));
    }

    /** Flows whose destination address is in the set. */
    public FlowSet destinations(AddressSet addresses) {
        return wrap(addressNode(Level.DESTINATION, addresses));
    }

    /** Flows in one of the connection states. */
    public FlowSet states(Set<ConnState> states) {
        long[][][] box = anyBox();
        box[Level.STATE.ordinal()] = states(states, new long[0][]);
        return wrap(and(box(box), universe));
    }

    /** Flows whose protocol and destination port (or ICMP type/code) the service covers. */
    public FlowSet service(Service service) {
        Node result = zero;
        for (Service.Part part : service.parts()) {
            Match.Builder b = Match.builder().protocols(part.protocols());
            part.ports().ifPresent(b::destinationPorts);
            part.icmp().ifPresent(b::icmp);
            result = or(result, matchNode(b.build()));
        }
        return wrap(result);
    }

    /** Compiles a ruleset into a diagram mapping every flow to the rule that may decide it. */
    public RuleMap compile(Ruleset ruleset) {
        return RuleMap.compile(this, ruleset);
    }

    /** Compiles a ruleset into a diagram of the outcomes each flow may have. */
    public VerdictMap verdicts(Ruleset ruleset) {
        return VerdictMap.compile(this, ruleset);
    }

    /**
     * The outcomes of the flows of {@code within} only: rules whose match misses them take no
     * part, and the accepted sets hold no other flow.
     *
     * @param matches each rule's match, as {@link #of(Match)} makes it
     */
    public VerdictMap verdicts(Ruleset ruleset, List<FlowSet> matches, FlowSet within) {
        if (matches.size() != ruleset.rules().size()) {
            throw new IllegalArgumentException(matches.size() + " matches for " + ruleset.rules().size() + " rules");
        }
        return VerdictMap.compile(this, ruleset, matches, within);
    }

    /** Number of distinct nodes in the unique table, not yet freed (a size measure for benchmarks). */
    public int nodeCount() {
        return unique.size() + terminals.size();
    }

    /** The number of intervals of the distinct inner nodes of a diagram, counting stops at {@code limit}. */
    int size(Node root, int limit) {
        visited.clear();
        return Math.min(limit, size(root, limit, 0));
    }

    private int size(Node node, int limit, int count) {
        if (node.isTerminal() || count >= limit || !visited.add(node.id)) {
            return count;
        }
        count += node.kids.length;
        for (Node kid : node.kids) {
            count = size(kid, limit, count);
        }
        return count;
    }

    /**
     * The bounds of a non-empty 0/1 diagram ({@link FlowBounds}): four longs per level, the least
     * and the greatest value of the level that some flow of the set has. In a reduced diagram every
     * node but {@code zero} holds a flow, so these are the first and the last interval of each node
     * of the level with a kid other than {@code zero}; a level that a path skips is bounded by its
     * whole range.
     */
    long[] bounds(Node root) {
        long[] out = new long[4 * Level.TERMINAL];
        for (int level = 0; level < Level.TERMINAL; level++) {
            out[4 * level] = -1L;
            out[4 * level + 1] = -1L;
        }
        visited.clear();
        boundsSkipped(out, -1, root.level);
        bounds(root, out);
        return out;
    }

    private void bounds(Node node, long[] out) {
        if (node.isTerminal() || !visited.add(node.id)) {
            return;
        }
        int level = node.level;
        int first = -1;
        int last = -1;
        for (int i = 0; i < node.kids.length; i++) {
            Node kid = node.kids[i];
            if (kid == zero) {
                continue;
            }
            if (first < 0) {
                first = i;
            }
            last = i;
            boundsSkipped(out, level, kid.level);
            bounds(kid, out);
        }
        int at = 4 * level;
        if (Bits.compare(node.startHi[first], node.startLo[first], out[at], out[at + 1]) < 0) {
            out[at] = node.startHi[first];
            out[at + 1] = node.startLo[first];
        }
        long hi;
        long lo;
        if (last + 1 < node.kids.length) {
            hi = Bits.decHi(node.startHi[last + 1], node.startLo[last + 1]);
            lo = node.startLo[last + 1] - 1;
        } else {
            hi = field(level).maxHi;
            lo = field(level).maxLo;
        }
        if (Bits.compare(hi, lo, out[at + 2], out[at + 3]) > 0) {
            out[at + 2] = hi;
            out[at + 3] = lo;
        }
    }

    /** Bounds the levels strictly between two by their whole ranges: a path skips them. */
    private void boundsSkipped(long[] out, int above, int below) {
        for (int level = above + 1; level < below; level++) {
            int at = 4 * level;
            out[at] = 0;
            out[at + 1] = 0;
            out[at + 2] = field(level).maxHi;
            out[at + 3] = field(level).maxLo;
        }
    }

    /** True when every flow of 0/1 diagram {@code a} is in {@code b}; builds no node. */
    boolean subset(Node a, Node b) {
        visited.clear();
        return everyPair(a, b, true, visited);
    }

    /** True when some flow is in both 0/1 diagrams; builds no node. */
    boolean intersects(Node a, Node b) {
        visited.clear();
        return !everyPair(a, b, false, visited);
    }

    /**
     * Whether every pair of parts of two 0/1 diagrams that overlap in flows is a subset pair (the
     * part of {@code a} in the part of {@code b}) or, when {@code subset} is false, a disjoint
     * pair. Walks both diagrams without building nodes; pairs already walked are in {@code seen}
     * (they held, or the walk would have stopped).
     */
    private boolean everyPair(Node a, Node b, boolean subset, LongSet seen) {
        if (a == zero || b == (subset ? one : zero)) {
            return true;
        }
        if (a.isTerminal() && b.isTerminal()) {
            return (a.value & (subset ? ~b.value : b.value)) == 0;
        }
        if (a == b) {
            return subset;
        }
        if (!subset && (a == one || b == one)) {
            return false;
        }
        if (!seen.add(((long) a.id << 32) | (b.id & 0xFFFF_FFFFL))) {
            return true;
        }
        if (a.level != b.level) {
            boolean splitA = a.level < b.level;
            for (Node kid : (splitA ? a : b).kids) {
                if (!everyPair(splitA ? kid : a, splitA ? b : kid, subset, seen)) {
                    return false;
                }
            }
            return true;
        }
        // where a's part is empty, or b's part decides every pair (full for subsets, empty for
        // disjointness), the other side's intervals there need no look: jump over them
        Node bDecides = subset ? one : zero;
        int i = 0;
        int j = 0;
        while (true) {
            Node ka = a.kids[i];
            Node kb = b.kids[j];
            if (!everyPair(ka, kb, subset, seen)) {
                return false;
            }
            boolean moreA = i + 1 < a.size();
            boolean moreB = j + 1 < b.size();
            if (!moreA && !moreB) {
                return true;
            }
            if (ka == zero && moreB && b.size() - j > SKIP_FROM) {
                if (!moreA) {
                    return true;
                }
                i++;
                j = lastAtOrBefore(b, j, a.startHi[i], a.startLo[i]);
                continue;
            }
            if (kb == bDecides && moreA && a.size() - i > SKIP_FROM) {
                if (!moreB) {
                    return true;
                }
                j++;
                i = lastAtOrBefore(a, i, b.startHi[j], b.startLo[j]);
                continue;
            }
            int c = moreA && moreB
                    ? Bits.compare(a.startHi[i + 1], a.startLo[i + 1], b.startHi[j + 1], b.startLo[j + 1])
                    : moreA ? -1 : 1;
            if (c <= 0) {
                i++;
            }
            if (c >= 0) {
                j++;
            }
        }
    }

    /** Intervals left on the other side from which a merge looks for a run it may jump over. */
    private static final int SKIP_FROM = 8;

    /**
     * The index of the last interval of {@code node}, from {@code from} on, that starts at or
     * before the value: a galloping search, since the answer is usually near {@code from}.
     */
    private static int lastAtOrBefore(Node node, int from, long hi, long lo) {
        int n = node.size();
        int step = 1;
        int low = from;
        int high = from + 1;
        while (high < n && Bits.compare(node.startHi[high], node.startLo[high], hi, lo) <= 0) {
            low = high;
            high = from + (step <<= 1);
        }
        high = Math.min(high, n);
        // node.start[low] <= value < node.start[high] (or high == n)
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (Bits.compare(node.startHi[mid], node.startLo[mid], hi, lo) <= 0) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    FlowSet wrap(Node node) {
        return new FlowSet(this, node);
    }

    Node universe() {
        return universe;
    }

    // ---- diagram construction ----------------------------------------------------------------

    Node terminal(int value) {
        if (value >= -1 && value < SMALL - 1) {
            Node t = smallTerminals[value + 1];
            if (t == null) {
                t = Node.terminal(value, nextId++);
                smallTerminals[value + 1] = t;
                terminals.put(value, t);
            }
            return t;
        }
        return terminals.computeIfAbsent(value, v -> Node.terminal(v, nextId++));
    }

    /** The reduced, interned node for the first {@code n} intervals (equal neighbours merged). */
    Node mk(int level, long[] startHi, long[] startLo, Node[] kids, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && kids[m - 1] == kids[i]) {
                continue;
            }
            startHi[m] = startHi[i];
            startLo[m] = startLo[i];
            kids[m] = kids[i];
            m++;
        }
        if (m == 1) {
            return kids[0];
        }
        int hash = Node.hashOf(level, startHi, startLo, kids, m);
        Node found = unique.find(hash, level, startHi, startLo, kids, m);
        if (found != null) {
            return found;
        }
        if (unique.count() >= nodeBudget) {
            throw new DiagramTooLargeException(nodeBudget);
        }
        Node node = Node.inner(level, startHi, startLo, kids, m, hash, nextId++);
        unique.add(node);
        return node;
    }

    Node and(Node a, Node b) {
        return apply(Op.AND, a, b);
    }

    Node or(Node a, Node b) {
        return apply(Op.OR, a, b);
    }

    Node diff(Node a, Node b) {
        return apply(Op.DIFF, a, b);
    }

    Node apply(Op op, Node a, Node b) {
        memo.clear();
        return apply(op, a, b, memo);
    }

    private Node apply(Op op, Node a, Node b, LongNodeMap memo) {
        Node quick = op.shortcut(this, a, b);
        if (quick != null) {
            return quick;
        }
        if (a.isTerminal() && b.isTerminal()) {
            return terminal(op.apply(a.value, b.value));
        }
        long key = ((long) a.id << 32) | (b.id & 0xFFFF_FFFFL);
        Node cached = memo.get(key);
        if (cached != null) {
            return cached;
        }
        int level = Math.min(a.level, b.level);
        boolean splitA = a.level == level;
        boolean splitB = b.level == level;
        int na = splitA ? a.size() : 1;
        int nb = splitB ? b.size() : 1;
        ensureScratch(level, na + nb);
        long[] hs = scratchHi[level];
        long[] ls = scratchLo[level];
        Node[] ks = scratchKids[level];
        int i = 0;
        int j = 0;
        int n = 0;
        long curHi = 0;
        long curLo = 0;
        while (true) {
            Node ka = splitA ? a.kids[i] : a;
            Node kb = splitB ? b.kids[j] : b;
            hs[n] = curHi;
            ls[n] = curLo;
            ks[n] = apply(op, ka, kb, memo);
            n++;
            boolean moreA = splitA && i + 1 < na;
            boolean moreB = splitB && j + 1 < nb;
            if (!moreA && !moreB) {
                break;
            }
            // Where one side's kid decides the result alone, the other side's boundaries up to
            // that kid's end change nothing: jump over them instead of stepping through them.
            if (splitA && splitB && (nb - j > SKIP_FROM || na - i > SKIP_FROM)) {
                if (moreB && ka.isTerminal() && op.absorbsLeft(this, ka)) {
                    if (!moreA) {
                        break;
                    }
                    i++;
                    curHi = a.startHi[i];
                    curLo = a.startLo[i];
                    j = lastAtOrBefore(b, j, curHi, curLo);
                    continue;
                }
                if (moreA && kb.isTerminal() && op.absorbsRight(this, kb)) {
                    if (!moreB) {
                        break;
                    }
                    j++;
                    curHi = b.startHi[j];
                    curLo = b.startLo[j];
                    i = lastAtOrBefore(a, i, curHi, curLo);
                    continue;
                }
            }
            int c;
            if (moreA && moreB) {
                c = Bits.compare(a.startHi[i + 1], a.startLo[i + 1], b.startHi[j + 1], b.startLo[j + 1]);
            } else {
                c = moreA ? -1 : 1;
            }
            if (c <= 0) {
                i++;
                curHi = a.startHi[i];
                curLo = a.startLo[i];
            }
            if (c >= 0) {
                j++;
                curHi = b.startHi[j];
                curLo = b.startLo[j];
            }
        }
        Node result = mk(level, hs, ls, ks, n);
        memo.put(key, result);
        return result;
    }

    /** Makes the scratch arrays of a level hold at least {@code size} intervals. */
    private void ensureScratch(int level, int size) {
        if (scratchKids[level].length < size) {
            int cap = Integer.highestOneBit(size) << 1;
            scratchHi[level] = new long[cap];
            scratchLo[level] = new long[cap];
            scratchKids[level] = new Node[cap];
        }
    }

    /**
     * Combines diagrams left to right with an associative operation, in a balanced tree so each
     * step works on diagrams about the size of its result. Consumes {@code nodes}.
     *
     * @param empty the result for no diagrams
     */
    Node mergeInOrder(Op op, Node[] nodes, int empty) {
        return mergeInOrder(op, nodes.length, i -> {
            Node node = nodes[i];
            nodes[i] = null;
            return node;
        }, empty);
    }

    /**
     * Combines the diagrams {@code leaf(0)} to {@code leaf(count - 1)} left to right with an
     * associative operation, in a balanced tree built as the leaves come: a stack holds one
     * merged run per power of two (like the digits of a binary counter), and a run is merged
     * with the one before it as soon as they are of one length. Each step works on diagrams
     * about the size of its result, as merging in rounds does, but only the runs on the stack
     * are alive at once, not a whole round of them, so far less memory is held.
     *
     * @param empty the result for no diagrams
     */
    Node mergeInOrder(Op op, int count, IntFunction<Node> leaf, int empty) {
        if (count == 0) {
            return terminal(empty);
        }
        Node[] runs = new Node[Integer.SIZE + 1];
        int[] lengths = new int[runs.length];
        int top = 0;
        for (int i = 0; i < count; i++) {
            Node run = leaf.apply(i);
            int length = 1;
            while (top > 0 && lengths[top - 1] == length) {
                top--;
                run = apply(op, runs[top], run);
                runs[top] = null;
                length *= 2;
            }
            runs[top] = run;
            lengths[top] = length;
            top++;
        }
        Node result = runs[top - 1];
        for (int k = top - 2; k >= 0; k--) {
            result = apply(op, runs[k], result);
        }
        return result;
    }

    /** Replaces every terminal value {@code v} by {@code f(v)}. */
    Node mapTerminals(Node a, IntUnaryOperator f) {
        return mapTerminals(a, f, new LongNodeMap());
    }

    private Node mapTerminals(Node a, IntUnaryOperator f, LongNodeMap memo) {
        if (a.isTerminal()) {
            return terminal(f.applyAsInt(a.value));
        }
        Node cached = memo.get(a.id);
        if (cached != null) {
            return cached;
        }
        int level = a.level;
        int n = a.size();
        ensureScratch(level, n);
        // the kids are mapped first: their levels are deeper, so they use other scratch arrays
        Node[] ks = scratchKids[level];
        for (int i = 0; i < n; i++) {
            ks[i] = mapTerminals(a.kids[i], f, memo);
        }
        long[] hs = scratchHi[level];
        long[] ls = scratchLo[level];
        System.arraycopy(a.startHi, 0, hs, 0, n);
        System.arraycopy(a.startLo, 0, ls, 0, n);
        Node result = mk(level, hs, ls, ks, n);
        memo.put(a.id, result);
        return result;
    }

    /**
     * The 0/1 diagram of a box: per field (indexed by {@link Level#ordinal()}), null for any value
     * or sorted, disjoint, non-empty intervals {@code {loHi, loLo, hiHi, hiLo}}.
     */
    Node box(long[][][] box) {
        Node current = one;
        for (int level = Level.TERMINAL - 1; level >= 0; level--) {
            Level lv = field(level);
            long[][] intervals = box[lv.ordinal()];
            if (intervals == null) {
                continue;
            }
            if (intervals.length == 0) {
                return zero;
            }
            int cap = intervals.length * 2 + 1;
            long[] hs = new long[cap];
            long[] ls = new long[cap];
            Node[] ks = new Node[cap];
            int n = 0;
            long nextHi = 0;
            long nextLo = 0;
            boolean more = true;
            for (long[] iv : intervals) {
                if (more && Bits.compare(nextHi, nextLo, iv[0], iv[1]) < 0) {
                    hs[n] = nextHi;
                    ls[n] = nextLo;
                    ks[n++] = zero;
                }
                hs[n] = iv[0];
                ls[n] = iv[1];
                ks[n++] = current;
                more = Bits.compare(iv[2], iv[3], lv.maxHi, lv.maxLo) < 0;
                if (more) {
                    nextHi = Bits.incHi(iv[2], iv[3]);
                    nextLo = iv[3] + 1;
                }
            }
            if (more) {
                hs[n] = nextHi;
                ls[n] = nextLo;
                ks[n++] = zero;
            }
            current = mk(level, hs, ls, ks, n);
        }
        return current;
    }

    static long[][][] anyBox() {
        return new long[Level.TERMINAL][][];
    }

    static long[][] point(long hi, long lo) {
        return new long[][] {{hi, lo, hi, lo}};
    }

    static long[][] ranges(IntRanges ranges) {
        long[][] out = new long[ranges.size()][];
        for (int i = 0; i < ranges.size(); i++) {
            out[i] = new long[] {0, ranges.lo(i), 0, ranges.hi(i)};
        }
        return out;
    }

    private static long[][] states(Set<ConnState> states, long[][] unused) {
        List<int[]> pairs = new ArrayList<>();
        for (ConnState s : states) {
            pairs.add(new int[] {s.ordinal(), s.ordinal()});
        }
        return ranges(IntRanges.ofPairs(pairs));
    }

    private static long[][] addresses(AddressSet set, IpFamily family) {
        List<AddressRange> rs = set.only(family).ranges();
        long[][] out = new long[rs.size()][];
        for (int i = 0; i < rs.size(); i++) {
            Address a = rs.get(i).first();
            Address b = rs.get(i).last();
            out[i] = new long[] {a.hi(), a.lo(), b.hi(), b.lo()};
        }
        return out;
    }

    private Node addressNode(Level level, AddressSet addresses) {
        Node result = zero;
        for (IpFamily family : IpFamily.values()) {
            if (!addresses.has(family)) {
                continue;
            }
            long[][][] box = anyBox();
            box[Level.FAMILY.ordinal()] = point(0, family.ordinal());
            box[level.ordinal()] = addresses(addresses, family);
            result = or(result, box(box));
        }
        return and(result, universe);
    }

    /**
     * The flows a match may match: its own modelled conditions, less the flows of its certain
     * exceptions (an uncertain exception only may exclude, so it cannot narrow what may match).
     */
    Node matchNode(Match match) {
        Node result = ownConditions(match);
        for (Match exception : match.except()) {
            if (result == zero) {
                break;
            }
            if (exception.isCertain()) {
                result = diff(result, matchNode(exception));
            }
        }
        return result;
    }

    private Node ownConditions(Match match) {
        IntRanges protocols = match.protocols();
        if (match.sourcePorts().isPresent() || match.destinationPorts().isPresent()) {
            protocols = protocols.intersect(Protocol.WITH_PORTS);
        }
        Node result = zero;
        for (IpFamily family : IpFamily.values()) {
            IntRanges familyProtocols = match.icmp().isPresent()
                    ? protocols.intersect(IntRanges.of(Protocol.icmpOf(family))) : protocols;
            if (familyProtocols.isEmpty()
                    || !match.families().contains(family)
                    || !match.sources().has(family)
                    || !match.destinations().has(family)) {
                continue;
            }
            long[][][] box = anyBox();
            box[Level.FAMILY.ordinal()] = point(0, family.ordinal());
            box[Level.PROTOCOL.ordinal()] = familyProtocols.isAll(Protocol.MAX) ? null : ranges(familyProtocols);
            box[Level.SOURCE.ordinal()] = match.sources().isAll() ? null : addresses(match.sources(), family);
            box[Level.DESTINATION.ordinal()] =
                    match.destinations().isAll() ? null : addresses(match.destinations(), family);
            box[Level.SOURCE_PORT.ordinal()] = match.sourcePorts().map(FlowSpace::ranges).orElse(null);
            box[Level.DESTINATION_PORT.ordinal()] = match.destinationPorts().map(FlowSpace::ranges).orElse(null);
            box[Level.ICMP.ordinal()] = match.icmp().map(FlowSpace::ranges).orElse(null);
            box[Level.STATE.ordinal()] = match.hasStateCondition() ? states(match.states(), null) : null;
            box[Level.IN_INTERFACE.ordinal()] = match.inInterface().map(InterfaceCodec::intervals).orElse(null);
            box[Level.OUT_INTERFACE.ordinal()] = match.outInterface().map(InterfaceCodec::intervals).orElse(null);
            result = or(result, box(box));
        }
        if (match.hasStateCondition() && result != zero) {
            // a state condition never matches the ICMPv6 messages conntrack leaves untracked
            result = diff(result, untracked());
        }
        return and(result, universe);
    }

    /** The ICMPv6 messages connection tracking never tracks, whatever state a flow names. */
    private Node untracked() {
        if (untracked == null) {
            long[][][] box = anyBox();
            box[Level.FAMILY.ordinal()] = point(0, IpFamily.IPV6.ordinal());
            box[Level.PROTOCOL.ordinal()] = point(0, Protocol.ICMPV6);
            box[Level.ICMP.ordinal()] = ranges(Protocol.UNTRACKED_ICMPV6);
            untracked = box(box);
        }
        return untracked;
    }

    private Node buildUniverse() {
        Node result = zero;
        for (IpFamily family : IpFamily.values()) {
            IntRanges icmp = IntRanges.of(Protocol.icmpOf(family));
            IntRanges other = Protocol.WITH_PORTS.union(icmp).complement(Protocol.MAX);
            long[][] addr = family == IpFamily.IPV4 ? new long[][] {{0, 0, 0, V4_MAX}} : null;
            for (int kind = 0; kind < 3; kind++) {
                long[][][] box = anyBox();
                box[Level.FAMILY.ordinal()] = point(0, family.ordinal());
                box[Level.SOURCE.ordinal()] = addr;
                box[Level.DESTINATION.ordinal()] = addr;
                long[][] zeroValue = point(0, 0);
                switch (kind) {
                    case 0 -> {
                        box[Level.PROTOCOL.ordinal()] = ranges(Protocol.WITH_PORTS);
                        box[Level.ICMP.ordinal()] = zeroValue;
                    }
                    case 1 -> {
                        box[Level.PROTOCOL.ordinal()] = ranges(icmp);
                        box[Level.SOURCE_PORT.ordinal()] = zeroValue;
                        box[Level.DESTINATION_PORT.ordinal()] = zeroValue;
                    }
                    default -> {
                        box[Level.PROTOCOL.ordinal()] = ranges(other);
                        box[Level.SOURCE_PORT.ordinal()] = zeroValue;
                        box[Level.DESTINATION_PORT.ordinal()] = zeroValue;
                        box[Level.ICMP.ordinal()] = zeroValue;
                    }
                }
                result = or(result, box(box));
            }
        }
        return result;
    }
}
