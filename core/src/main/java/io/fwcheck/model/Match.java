package io.fwcheck.model;

import java.util.ArrayList;
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
 * @param families IP families the rule applies to
 * @param sources source addresses
 * @param destinations destination addresses
 * @param protocols protocol numbers (0–255)
 * @param sourcePorts source ports, when constrained
 * @param destinationPorts destination ports, when constrained
 * @param icmp ICMP type and code values {@code type << 8 | code}, when constrained
 * @param states connection states
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

    private static final Match ANY = builder().build();

    public Match {
        families = families.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(families));
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        unmodelled = List.copyOf(unmodelled);
        except = List.copyOf(except);
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
        b.families = EnumSet.noneOf(IpFamily.class);
        b.families.addAll(families);
        b.sources = sources;
        b.destinations = destinations;
        b.protocols = protocols;
        b.sourcePorts = sourcePorts.orElse(null);
        b.destinationPorts = destinationPorts.orElse(null);
        b.icmp = icmp.orElse(null);
        b.states = EnumSet.noneOf(ConnState.class);
        b.states.addAll(states);
        b.inInterface = inInterface.orElse(null);
        b.outInterface = outInterface.orElse(null);
        b.unmodelled.addAll(unmodelled);
        b.except.addAll(except);
        return b;
    }

    /** True when every condition, exceptions included, is modelled: the rule matches a packet or it does not. */
    public boolean isCertain() {
        return unmodelled.isEmpty() && except.stream().allMatch(Match::isCertain);
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
        boolean ports = Protocol.hasPorts(flow.protocol());
        if (sourcePorts.isPresent() && !(ports && sourcePorts.get().contains(flow.sourcePort()))) {
            return false;
        }
        if (destinationPorts.isPresent() && !(ports && destinationPorts.get().contains(flow.destinationPort()))) {
            return false;
        }
        if (icmp.isPresent() && !(Protocol.isIcmp(flow.protocol()) && icmp.get().contains(flow.icmpValue()))) {
            return false;
        }
        if (inInterface.isPresent() && !inInterface.get().matches(flow.inInterface())) {
            return false;
        }
        return outInterface.isEmpty() || outInterface.get().matches(flow.outInterface());
    }

    /** Builds a {@link Match}; every field starts unconstrained. */
    public static final class Builder {
        private EnumSet<IpFamily> families = EnumSet.allOf(IpFamily.class);
        private AddressSet sources = AddressSet.all();
        private AddressSet destinations = AddressSet.all();
        private IntRanges protocols = ALL_PROTOCOLS;
        private IntRanges sourcePorts;
        private IntRanges destinationPorts;
        private IntRanges icmp;
        private EnumSet<ConnState> states = EnumSet.allOf(ConnState.class);
        private InterfaceMatch inInterface;
        private InterfaceMatch outInterface;
        private final List<Unmodelled> unmodelled = new ArrayList<>();
        private final List<Match> except = new ArrayList<>();

        private Builder() {}

        public Builder families(Set<IpFamily> value) {
            families = value.isEmpty() ? EnumSet.noneOf(IpFamily.class) : EnumSet.copyOf(value);
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
            states = value.isEmpty() ? EnumSet.noneOf(ConnState.class) : EnumSet.copyOf(value);
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
            unmodelled.add(value);
            return this;
        }

        /** Excludes the packets of another match (when that match is certain). */
        public Builder except(Match value) {
            except.add(value);
            return this;
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
                    unmodelled,
                    except);
        }
    }
}
