package io.fwcheck.model;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule matches: the conjunction of conditions on each field of a flow. An absent optional
 * condition does not constrain its field. A port condition also requires a protocol with ports,
 * an ICMP condition a protocol with ICMP types. {@link #unmodelled()} lists conditions that are not
 * understood: where the rest matches, the rule may or may not match. {@link #except()} lists
 * matches whose packets are excluded (how rules inlined from a chain after a {@code RETURN} or a
 * goto are written); an exception with unmodelled conditions only may exclude.
 *
 * <p>A state condition (any {@code states} but all four) is about tracked connections: it never
 * matches the ICMPv6 messages connection tracking leaves untracked ({@link Protocol#UNTRACKED_ICMPV6}:
 * neighbour and router discovery, multicast listener messages), whatever state a flow names, as
 * {@code -m conntrack --ctstate} and {@code ct state} behave in the kernel. A match without a state
 * condition matches them. To match untracked messages only, match their ICMPv6 types.
 *
 * @param families IP families the rule applies to
 * @param sources source addresses
 * @param destinations destination addresses
 * @param protocols protocol numbers (0–255)
 * @param sourcePorts source ports, when constrained
 * @param destinationPorts destination ports, when constrained
 * @param icmp ICMP type and code values {@code type << 8 | code}, when constrained
 * @param states connection states; all four for no state condition
 * @param inInterface input interface, when constrained
 * @param outInterface output interface, when constrained
 * @param unmodelled conditions fwcheck does not model
 * @param except matches whose packets this match excludes
 */
public record Match(
        Set<IpFamily> families,
        AddressSet sources,
        AddressSet destinations,
        IntRanges protocols,
        Optional<IntRanges> sourcePorts,
        Optional<IntRanges> destinationPorts,
        Optional<IntRanges> icmp,
        Set<ConnState> states,
        Optional<InterfaceMatch> inInterface,
        Optional<InterfaceMatch> outInterface,
        List<Unmodelled> unmodelled,
        List<Match> except) {

    public static final int PORT_MAX = 65535;
    public static final int ICMP_MAX = 0xFFFF;
    public static final IntRanges ALL_PROTOCOLS = IntRanges.range(0, Protocol.MAX);

    /** Every subset of the families and of the states, unmodifiable, by bit mask of the ordinals. */
    private static final List<Set<IpFamily>> FAMILY_SETS = subsets(IpFamily.class);
    private static final List<Set<ConnState>> STATE_SETS = subsets(ConnState.class);
    private static final IpFamily[] FAMILIES = IpFamily.values();
    private static final ConnState[] STATES = ConnState.values();

    private static final Match ANY = builder().build();

    public Match {
        families = FAMILY_SETS.get(mask(families, FAMILIES));
        states = STATE_SETS.get(mask(states, STATES));
        unmodelled = unmodelled.isEmpty() ? List.of() : List.copyOf(unmodelled);
        except = except.isEmpty() ? List.of() : List.copyOf(except);
    }

    private static <E extends Enum<E>> List<Set<E>> subsets(Class<E> type) {
        E[] all = type.getEnumConstants();
        List<Set<E>> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << all.length; mask++) {
            EnumSet<E> set = EnumSet.noneOf(type);
            for (E e : all) {
                if ((mask & 1 << e.ordinal()) != 0) {
                    set.add(e);
                }
            }
            out.add(new Subset<>(type, set, mask));
        }
        return List.copyOf(out);
    }

    /** An unmodifiable set of enum constants that knows its bit mask of ordinals. */
    private static final class Subset<E extends Enum<E>> extends AbstractSet<E> {
        private final Class<E> type;
        private final Set<E> elements;
        private final int mask;

        Subset(Class<E> type, EnumSet<E> elements, int mask) {
            this.type = type;
            this.elements = Collections.unmodifiableSet(elements);
            this.mask = mask;
        }

        @Override
        public boolean contains(Object o) {
            return type.isInstance(o) && (mask & 1 << ((Enum<?>) o).ordinal()) != 0;
        }

        @Override
        public Iterator<E> iterator() {
            return elements.iterator();
        }

        @Override
        public int size() {
            return Integer.bitCount(mask);
        }
    }

    private static <E extends Enum<E>> int mask(Set<E> set, E[] all) {
        if (set instanceof Subset<E> subset) {
            return subset.mask;
        }
        int mask = 0;
        for (E e : all) {
            if (set.contains(e)) {
                mask |= 1 << e.ordinal();
            }
        }
        return mask;
    }

    /** Matches every packet. */
    public static Match any() {
        return ANY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this match's conditions. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.families = families;
        b.sources = sources;
        b.destinations = destinations;
        b.protocols = protocols;
        b.sourcePorts = sourcePorts.orElse(null);
        b.destinationPorts = destinationPorts.orElse(null);
        b.icmp = icmp.orElse(null);
        b.states = states;
        b.inInterface = inInterface.orElse(null);
        b.outInterface = outInterface.orElse(null);
        b.addUnmodelled(unmodelled);
        b.addExcept(except);
        return b;
    }

    /** This match without its exceptions: the packets its conditions describe. */
    public Match withoutExcept() {
        if (except.isEmpty()) {
            return this;
        }
        Builder b = toBuilder();
        b.except = null;
        return b.build();
    }

    /**
     * The conjunction of two matches: the packets both match. Negated interface conditions that
     * cannot be merged into one become exceptions.
     */
    public Match and(Match other) {
        Builder b = toBuilder();
        b.families = FAMILY_SETS.get(mask(families, FAMILIES) & mask(other.families, FAMILIES));
        b.sources = sources.intersect(other.sources);
        b.destinations = destinations.intersect(other.destinations);
        b.protocols = protocols.intersect(other.protocols);
        b.sourcePorts = both(sourcePorts, other.sourcePorts);
        b.destinationPorts = both(destinationPorts, other.destinationPorts);
        b.icmp = both(icmp, other.icmp);
        b.states = STATE_SETS.get(mask(states, STATES) & mask(other.states, STATES));
        b.inInterface = interfaces(inInterface, other.inInterface, true, b);
        b.outInterface = interfaces(outInterface, other.outInterface, false, b);
        b.addUnmodelled(other.unmodelled);
        b.addExcept(other.except);
        return b.build();
    }

    private static IntRanges both(Optional<IntRanges> a, Optional<IntRanges> b) {
        if (a.isPresent() && b.isPresent()) {
            return a.get().intersect(b.get());
        }
        return a.or(() -> b).orElse(null);
    }

    /** The merged interface condition; a second negated or positive one that cannot merge becomes an exception. */
    private static InterfaceMatch interfaces(Optional<InterfaceMatch> a, Optional<InterfaceMatch> b, boolean in,
            Builder target) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.or(() -> b).orElse(null);
        }
        InterfaceMatch x = a.get();
        InterfaceMatch y = b.get();
        if (x.negated() && y.negated()) {
            List<String> all = new ArrayList<>(x.patterns());
            all.addAll(y.patterns());
            return new InterfaceMatch(all, true);
        }
        InterfaceMatch positive = x.negated() ? y : x;
        InterfaceMatch other = x.negated() ? x : y;
        // positive ∧ other = positive, except the names other rules out
        InterfaceMatch ruledOut = new InterfaceMatch(other.patterns(), !other.negated());
        Builder exception = builder();
        target.except(in ? exception.inInterface(ruledOut).build() : exception.outInterface(ruledOut).build());
        return positive;
    }

    /**
     * This match with every unmodelled construct's location, here and in exceptions, set aside
     * ({@link SourceLocation#UNKNOWN}): equal for two matches of the same conditions written in
     * different places, e.g. a dump and the YAML it was converted to.
     */
    public Match placeless() {
        if (unmodelled.isEmpty() && except.stream().allMatch(e -> e.placeless() == e)) {
            return this;
        }
        return new Match(families, sources, destinations, protocols, sourcePorts, destinationPorts, icmp, states,
                inInterface, outInterface,
                unmodelled.stream().map(u -> new Unmodelled(u.construct(), SourceLocation.UNKNOWN)).toList(),
                except.stream().map(Match::placeless).toList());
    }

    /** True when the match has a state condition (not all four states): it never matches untracked packets. */
    public boolean hasStateCondition() {
        return states.size() < STATES.length;
    }

    /** True when every condition, exceptions included, is modelled: the rule matches a packet or it does not. */
    public boolean isCertain() {
        if (!unmodelled.isEmpty()) {
            return false;
        }
        for (Match e : except) {
            if (!e.isCertain()) {
                return false;
            }
        }
        return true;
    }

    /** The unmodelled conditions of this match and of its exceptions. */
    public List<Unmodelled> uncertainties() {
        if (except.isEmpty()) {
            return unmodelled;
        }
        List<Unmodelled> all = new ArrayList<>(unmodelled);
        for (Match e : except) {
            all.addAll(e.uncertainties());
        }
        return List.copyOf(all);
    }

    /**
     * Evaluates the modelled conditions on one flow: false means the rule certainly does not match;
     * true means it matches, or (when {@link #isCertain()} is false) may match. An exception
     * excludes the flow only when it is certain and matches it.
     */
    public boolean matchesModelled(Flow flow) {
        if (!matchesOwnConditions(flow)) {
            return false;
        }
        for (Match e : except) {
            if (e.isCertain() && e.matchesModelled(flow)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesOwnConditions(Flow flow) {
        if (!families.contains(flow.family())
                || !sources.contains(flow.source())
                || !destinations.contains(flow.destination())
                || !protocols.contains(flow.protocol())
                || !states.contains(flow.state())) {
            return false;
        }
        if (hasStateCondition() && Protocol.isUntracked(flow.family(), flow.protocol(), flow.icmpValue())) {
            return false;
        }
        boolean ports = Protocol.hasPorts(flow.protocol());
        if (sourcePorts.isPresent() && !(ports && sourcePorts.get().contains(flow.sourcePort()))) {
            return false;
        }
        if (destinationPorts.isPresent() && !(ports && destinationPorts.get().contains(flow.destinationPort()))) {
            return false;
        }
        if (icmp.isPresent() && !(Protocol.carriesIcmp(flow.family(), flow.protocol()) && icmp.get().contains(flow.icmpValue()))) {
            return false;
        }
        if (inInterface.isPresent() && !inInterface.get().matches(flow.inInterface())) {
            return false;
        }
        return outInterface.isEmpty() || outInterface.get().matches(flow.outInterface());
    }

    /** Builds a {@link Match}; every field starts unconstrained. */
    public static final class Builder {
        private Set<IpFamily> families = FAMILY_SETS.get(FAMILY_SETS.size() - 1);
        private AddressSet sources = AddressSet.all();
        private AddressSet destinations = AddressSet.all();
        private IntRanges protocols = ALL_PROTOCOLS;
        private IntRanges sourcePorts;
        private IntRanges destinationPorts;
        private IntRanges icmp;
        private Set<ConnState> states = STATE_SETS.get(STATE_SETS.size() - 1);
        private InterfaceMatch inInterface;
        private InterfaceMatch outInterface;
        /** Null while there is none: most matches have none. */
        private List<Unmodelled> unmodelled;
        private List<Match> except;

        private Builder() {}

        public Builder families(Set<IpFamily> value) {
            families = FAMILY_SETS.get(mask(value, FAMILIES));
            return this;
        }

        public Builder sources(AddressSet value) {
            sources = value;
            return this;
        }

        public Builder destinations(AddressSet value) {
            destinations = value;
            return this;
        }

        public Builder protocols(IntRanges value) {
            protocols = value;
            return this;
        }

        public Builder protocol(int value) {
            return protocols(IntRanges.of(value));
        }

        public Builder sourcePorts(IntRanges value) {
            sourcePorts = value;
            return this;
        }

        public Builder destinationPorts(IntRanges value) {
            destinationPorts = value;
            return this;
        }

        /** ICMP type, any code. */
        public Builder icmpType(int type) {
            return icmp(IntRanges.range(type << 8, type << 8 | 0xFF));
        }

        /** ICMP values {@code type << 8 | code}. */
        public Builder icmp(IntRanges value) {
            icmp = value;
            return this;
        }

        public Builder states(Set<ConnState> value) {
            states = STATE_SETS.get(mask(value, STATES));
            return this;
        }

        public Builder inInterface(InterfaceMatch value) {
            inInterface = value;
            return this;
        }

        public Builder outInterface(InterfaceMatch value) {
            outInterface = value;
            return this;
        }

        public Builder unmodelled(Unmodelled value) {
            if (unmodelled == null) {
                unmodelled = new ArrayList<>(2);
            }
            unmodelled.add(value);
            return this;
        }

        private void addUnmodelled(List<Unmodelled> values) {
            for (Unmodelled u : values) {
                unmodelled(u);
            }
        }

        /** Excludes the packets of another match (when that match is certain). */
        public Builder except(Match value) {
            if (except == null) {
                except = new ArrayList<>(2);
            }
            except.add(value);
            return this;
        }

        private void addExcept(List<Match> values) {
            for (Match m : values) {
                except(m);
            }
        }

        public Match build() {
            return new Match(
                    families,
                    sources,
                    destinations,
                    protocols,
                    Optional.ofNullable(sourcePorts),
                    Optional.ofNullable(destinationPorts),
                    Optional.ofNullable(icmp),
                    states,
                    Optional.ofNullable(inInterface),
                    Optional.ofNullable(outInterface),
                    unmodelled == null ? List.of() : unmodelled,
                    except == null ? List.of() : except);
        }
    }
}
