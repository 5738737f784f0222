package io.fwcheck.analysis;

import io.fwcheck.engine.FlowBounds;
import io.fwcheck.engine.FlowSet;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of flows per rule (its match, or the part of it the rule decides) in a balanced tree of
 * unions: node {@code (k, j)} holds the union of the sets of rules {@code j·2^k} to
 * {@code (j+1)·2^k − 1}. A walk in rule order over the rules whose set meets some flows descends
 * only into the runs of rules whose union meets them, so it costs about {@code log n} set tests per
 * rule found instead of one per rule.
 *
 * <p>Its sets belong to one {@link io.fwcheck.engine.FlowSpace}, so it is confined to one thread.
 */
final class RuleIndex {

    /**
     * Runs of up to {@code 2^LOOSE} rules are entered when their bounds meet the flows', without a
     * look at their diagrams: most runs whose bounds meet also meet, and a test of a run's union
     * that finds a common flow costs more than the few bounds compared below it. Rules themselves,
     * and longer runs, are tested exactly (many rules with wide, overlapping matches make bounds that
     * meet everywhere, and the exact test of a long run saves the look at each of its rules).
     */
    private static final int LOOSE = 4;
    private final List<FlowSet[]> levels = new ArrayList<>();
    /**
     * The bounds of each set of {@link #levels}: a run whose bounds are apart from the flows' does
     * not meet them, which a walk tells without a look at the run's diagram.
     */
    private final List<FlowBounds[]> bounds = new ArrayList<>();

    /**
     * The same tree with the sets of some rules emptied: every union over rules that keep their
     * set is shared with this index, so only the unions above the emptied rules are computed
     * (this index itself when none is emptied).
     */
    RuleIndex without(boolean[] emptied, FlowSet none) {
        boolean any = false;
        for (boolean e : emptied) {
            any |= e;
        }
        if (!any) {
            return this;
        }
        RuleIndex out = new RuleIndex();
        boolean[] changed = emptied;
        FlowSet[] level = levels.get(0).clone();
        FlowBounds[] levelBounds = bounds.get(0).clone();
        for (int j = 0; j < level.length; j++) {
            if (changed[j]) {
                level[j] = none;
                levelBounds[j] = FlowBounds.EMPTY;
            }
        }
        out.levels.add(level);
        out.bounds.add(levelBounds);
        for (int k = 1; k < levels.size(); k++) {
            FlowSet[] mine = levels.get(k);
            FlowSet[] up = new FlowSet[mine.length];
            FlowBounds[] upBounds = bounds.get(k).clone();
            boolean[] upChanged = new boolean[mine.length];
            for (int j = 0; j < up.length; j++) {
                boolean right = 2 * j + 1 < level.length;
                upChanged[j] = changed[2 * j] || right && changed[2 * j + 1];
                up[j] = !upChanged[j] ? mine[j] : right ? level[2 * j].union(level[2 * j + 1]) : level[2 * j];
                if (upChanged[j]) {
                    upBounds[j] = right ? levelBounds[2 * j].union(levelBounds[2 * j + 1]) : levelBounds[2 * j];
                }
            }
            out.levels.add(up);
            out.bounds.add(upBounds);
            level = up;
            levelBounds = upBounds;
            changed = upChanged;
        }
        return out;
    }

    private RuleIndex() {}

    /** @param sets the set of each rule, in rule order */
    RuleIndex(FlowSet[] sets) {
        FlowSet[] level = sets.clone();
        FlowBounds[] levelBounds = new FlowBounds[sets.length];
        for (int j = 0; j < sets.length; j++) {
            levelBounds[j] = FlowBounds.of(sets[j]);
        }
        levels.add(level);
        bounds.add(levelBounds);
        while (level.length > 1) {
            FlowSet[] up = new FlowSet[(level.length + 1) / 2];
            FlowBounds[] upBounds = new FlowBounds[up.length];
            for (int j = 0; j < up.length; j++) {
                boolean right = 2 * j + 1 < level.length;
                up[j] = right ? level[2 * j].union(level[2 * j + 1]) : level[2 * j];
                upBounds[j] = right ? levelBounds[2 * j].union(levelBounds[2 * j + 1]) : levelBounds[2 * j];
            }
            levels.add(up);
            bounds.add(upBounds);
            level = up;
            levelBounds = upBounds;
        }
    }

    /**
     * The flows minus the sets of rules 0 to {@code end − 1}: about {@code log n} set differences,
     * the unions of the nearest rules first. Flows wholly inside the union of the oldest run are
     * known to be gone after one subset test (the usual case of a shadowed rule); the others
     * shrink by the small unions of their neighbours, usually the rules most like them, before
     * they meet the large unions of the oldest runs.
     */
    FlowSet minusBefore(FlowSet flows, int end) {
        if (end == 0 || flows.isEmpty()) {
            return flows;
        }
        int oldest = 31 - Integer.numberOfLeadingZeros(end);
        if (flows.isSubsetOf(levels.get(oldest)[0])) {
            return flows.space().none();
        }
        FlowSet out = flows;
        int stop = end;
        for (int k = 0; k <= oldest && !out.isEmpty(); k++) {
            if ((end >> k & 1) == 0) {
                continue;
            }
            stop -= 1 << k;
            FlowSet union = levels.get(k)[stop >> k];
            if (union.intersects(out)) {
                out = out.minus(union);
            }
        }
        return out;
    }

    /** Receives the parts of a {@link #split}. */
    interface PartSink {
        void part(int rule, FlowSet flows);
    }

    /**
     * Splits flows entering at rule {@code from} among the rules that decide them, in rule order:
     * each rule whose set meets the flows still open gets its part, and the rules whose set in
     * {@code cover} is not empty (the fully modelled ones) take their part out of the open flows.
     * Each run of rules works only on the flows its union meets, so a set decided by thousands of
     * rules costs set operations on those flows, not on the whole remainder once per rule.
     *
     * @param cover the same rules' sets that close the flows they take (this index itself, or one
     *     whose sets are empty for rules that may let flows pass)
     * @return the flows no rule from {@code from} on takes
     */
    FlowSet split(FlowSet flows, int from, RuleIndex cover, PartSink sink) {
        if (levels.get(0).length == 0) {
            return flows;
        }
        return split(flows, levels.size() - 1, 0, from, cover, sink);
    }

    private FlowSet split(FlowSet flows, int k, int j, int from, RuleIndex cover, PartSink sink) {
        long first = (long) j << k;
        long end = ((long) j + 1) << k;
        if (flows.isEmpty() || end <= from) {
            return flows;
        }
        boolean whole = first >= from;
        FlowSet union = levels.get(k)[j];
        if (whole && !union.intersects(flows)) {
            return flows;
        }
        if (k == 0) {
            FlowSet part = flows.intersect(union);
            sink.part(j, part);
            return cover.levels.get(0)[j].isEmpty() ? flows : flows.minus(part);
        }
        FlowSet inside = whole ? flows.intersect(union) : flows;
        FlowSet open = split(inside, k - 1, 2 * j, from, cover, sink);
        if (2 * j + 1 < levels.get(k - 1).length) {
            open = split(open, k - 1, 2 * j + 1, from, cover, sink);
        }
        if (!whole) {
            return open;
        }
        FlowSet closing = cover.levels.get(k)[j];
        return closing.isEmpty() ? flows : flows.minus(closing);
    }

    /**
     * A walk over the rules {@code from} (inclusive) to {@code to} (exclusive) whose set meets the
     * open flows; without calls to {@link Cursor#decided}, simply those whose set meets {@code open}.
     */
    Cursor cursor(FlowSet open, int from, int to) {
        return new Cursor(open, from, to);
    }

    /**
     * Yields, in rule order, each rule of its range whose match meets the flows still open; the
     * caller narrows the open flows as rules decide them.
     */
    final class Cursor {
        private FlowSet open;
        /** The bounds of the flows open at the start: they hold the open flows' bounds. */
        private final FlowBounds openBounds;
        private final int from;
        private final int to;
        private final int[] stackLevel;
        private final int[] stackIndex;
        /** Per stack position, whether the run's parent certainly meets the open flows. */
        private final boolean[] stackCertain;
        private int top;
        /** The stack position of a run known to meet the open flows (its sibling did not), or -1. */
        private int known = -1;

        private Cursor(FlowSet open, int from, int to) {
            this.open = open;
            this.openBounds = FlowBounds.of(open);
            this.from = from;
            this.to = to;
            stackLevel = new int[2 * levels.size() + 2];
            stackIndex = new int[stackLevel.length];
            stackCertain = new boolean[stackLevel.length];
            if (levels.get(0).length > 0) {
                push(levels.size() - 1, 0, false);
            }
        }

        private void push(int level, int index, boolean certain) {
            stackLevel[top] = level;
            stackIndex[top] = index;
            stackCertain[top] = certain;
            top++;
        }

        /**
         * The index of the next rule whose match meets the open flows, or -1 when there is none. A
         * run's union is the union of its two halves, so when it certainly meets the open flows and
         * its first half does not, the second half does: that is not tested again. A run whose
         * bounds are apart from the open flows' is passed over; a short run whose bounds meet them
         * is entered untested ({@link #LOOSE}).
         */
        int next() {
            while (top > 0 && !open.isEmpty()) {
                top--;
                boolean meets = top == known;
                known = -1;
                int k = stackLevel[top];
                int j = stackIndex[top];
                long first = (long) j << k;
                long end = ((long) j + 1) << k;
                if (end <= from || first >= to) {
                    continue;
                }
                if (!meets) {
                    boolean may = bounds.get(k)[j].meets(openBounds);
                    if (may && (k == 0 || k > LOOSE)) {
                        may = levels.get(k)[j].intersects(open);
                        meets = may;
                    }
                    if (!may) {
                        if (stackCertain[top] && (j & 1) == 0 && top > 0 && stackLevel[top - 1] == k
                                && stackIndex[top - 1] == j + 1) {
                            known = top - 1;
                        }
                        continue;
                    }
                }
                if (k == 0) {
                    return j;
                }
                if (2 * j + 1 < levels.get(k - 1).length) {
                    push(k - 1, 2 * j + 1, meets);
                }
                push(k - 1, 2 * j, meets);
            }
            return -1;
        }

        /** The flows not yet decided. */
        FlowSet open() {
            return open;
        }

        /** Removes flows a fully modelled rule has decided from the open flows. */
        void decided(FlowSet flows) {
            open = open.minus(flows);
        }
    }
}
