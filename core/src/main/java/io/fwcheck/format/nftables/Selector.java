package io.fwcheck.format.nftables;

import io.fwcheck.format.json.Json;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The left-hand side of a match: which field of a packet it reads, and under which implicit
 * dependency nft adds to the rule ({@code tcp dport} reads the port of TCP packets only).
 *
 * @param field the field fwcheck models, or empty when it does not model this one
 * @param family the address family of address and ICMP fields
 * @param exact dependencies under which the field is read exactly (each one an alternative)
 * @param inexact dependencies under which the kernel reads the same bytes but fwcheck has no
 *     such field: there the condition is unknown ({@code th dport} of an ICMP packet)
 * @param hull every packet the selector can match at all: used with unmodelled conditions
 */
record Selector(Optional<Field> field, IpFamily family, List<Match> exact, List<Match> inexact, Match hull) {

    /** The fields fwcheck models. */
    enum Field {
        SADDR, DADDR, SPORT, DPORT, ICMP_TYPE, ICMP_CODE, PROTOCOL, NFPROTO, ETHERTYPE, IIFNAME, OIFNAME, CT_STATE
    }

    private static final Map<String, Integer> PORT_PROTOCOLS = Map.of(
            "tcp", Protocol.TCP, "udp", Protocol.UDP, "udplite", Protocol.UDPLITE, "sctp", Protocol.SCTP,
            "dccp", Protocol.DCCP);

    /** Headers of other layer-4 protocols: their fields are not modelled, but they imply the protocol. */
    private static final Map<String, Integer> OTHER_L4 = Map.of(
            "ah", Protocol.AH, "esp", Protocol.ESP, "comp", 108, "igmp", Protocol.IGMP, "gre", Protocol.GRE);

    private static Match families(IpFamily f) {
        return Match.builder().families(EnumSet.of(f)).build();
    }

    private static Match protocols(IntRanges p) {
        return Match.builder().protocols(p).build();
    }

    private static Match protocol(int p) {
        return protocols(IntRanges.of(p));
    }

    private static Match familyProtocol(IpFamily f, int p) {
        return Match.builder().families(EnumSet.of(f)).protocol(p).build();
    }

    private static Selector of(Field field, IpFamily family, Match dependency) {
        return new Selector(Optional.of(field), family, List.of(dependency), List.of(), dependency);
    }

    private static Selector unmodelled(Match hull) {
        return new Selector(Optional.empty(), null, List.of(), List.of(), hull);
    }

    /**
     * The selector of a left-hand side expression at a hook.
     *
     * @param left the expression
     * @param hook {@code input}, {@code forward} or {@code output}
     */
    static Selector of(Json left, String hook) {
        if (!(left instanceof Json.Obj obj) || obj.size() != 1) {
            return unmodelled(Match.any());
        }
        Map.Entry<String, Json> e = obj.first();
        Json v = e.getValue();
        switch (e.getKey()) {
            case "payload" -> {
                if (v instanceof Json.Obj p && p.get("protocol").orElse(null) instanceof Json.Str proto
                        && p.get("field").orElse(null) instanceof Json.Str field) {
                    return payload(proto.value(), field.value());
                }
                return unmodelled(Match.any());
            }
            case "meta" -> {
                if (v instanceof Json.Obj m && m.get("key").orElse(null) instanceof Json.Str key) {
                    return meta(key.value(), hook);
                }
                return unmodelled(Match.any());
            }
            case "ct" -> {
                if (v instanceof Json.Obj c && c.get("key").orElse(null) instanceof Json.Str key
                        && key.value().equals("state") && c.get("dir").isEmpty() && c.get("family").isEmpty()) {
                    return of(Field.CT_STATE, null, Match.any());
                }
                return unmodelled(Match.any());
            }
            case "tcp option" -> {
                return unmodelled(protocol(Protocol.TCP));
            }
            case "sctp chunk" -> {
                return unmodelled(protocol(Protocol.SCTP));
            }
            case "dccp option" -> {
                return unmodelled(protocol(Protocol.DCCP));
            }
            case "&", "|", "^", "<<", ">>" -> {
                // a bitwise operation on a field: unmodelled, but within the field's dependency
                if (v instanceof Json.Arr ops && !ops.items().isEmpty()) {
                    Selector inner = of(ops.items().get(0), hook);
                    return unmodelled(inner.hull());
                }
                return unmodelled(Match.any());
            }
            default -> {
                return unmodelled(Match.any());
            }
        }
    }

    private static Selector payload(String protocol, String field) {
        switch (protocol) {
            case "ip" -> {
                Match dep = families(IpFamily.IPV4);
                return switch (field) {
                    case "saddr" -> of(Field.SADDR, IpFamily.IPV4, dep);
                    case "daddr" -> of(Field.DADDR, IpFamily.IPV4, dep);
                    case "protocol" -> of(Field.PROTOCOL, IpFamily.IPV4, dep);
                    default -> unmodelled(dep);
                };
            }
            case "ip6" -> {
                Match dep = families(IpFamily.IPV6);
                return switch (field) {
                    case "saddr" -> of(Field.SADDR, IpFamily.IPV6, dep);
                    case "daddr" -> of(Field.DADDR, IpFamily.IPV6, dep);
                    case "nexthdr" -> of(Field.PROTOCOL, IpFamily.IPV6, dep);
                    default -> unmodelled(dep);
                };
            }
            case "th" -> {
                // nft adds no protocol dependency for th: other protocols' bytes at the same offset are read
                if (field.equals("sport") || field.equals("dport")) {
                    return new Selector(Optional.of(field.equals("sport") ? Field.SPORT : Field.DPORT), null,
                            List.of(protocols(Protocol.WITH_PORTS)),
                            List.of(protocols(Protocol.WITH_PORTS.complement(Protocol.MAX))), Match.any());
                }
                return unmodelled(Match.any());
            }
            case "icmp", "icmpv6" -> {
                // in an inet table, nft adds meta nfproto only when the rule does not name l4proto itself,
                // and the JSON does not show which: the ICMP header of the other family is not modelled
                IpFamily own = protocol.equals("icmp") ? IpFamily.IPV4 : IpFamily.IPV6;
                IpFamily other = own == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
                int number = Protocol.icmpOf(own);
                Field f = field.equals("type") ? Field.ICMP_TYPE : field.equals("code") ? Field.ICMP_CODE : null;
                if (f == null) {
                    return unmodelled(protocol(number));
                }
                return new Selector(Optional.of(f), own, List.of(familyProtocol(own, number)),
                        List.of(familyProtocol(other, number)), protocol(number));
            }
            default -> {
                Integer ports = PORT_PROTOCOLS.get(protocol);
                if (ports != null) {
                    Match dep = protocol(ports);
                    return switch (field) {
                        case "sport" -> of(Field.SPORT, null, dep);
                        case "dport" -> of(Field.DPORT, null, dep);
                        default -> unmodelled(dep);
                    };
                }
                Integer other = OTHER_L4.get(protocol);
                return unmodelled(other == null ? Match.any() : protocol(other));
            }
        }
    }

    private static Selector meta(String key, String hook) {
        // a packet has no input interface in the output hook and no output interface in the input
        // hook; kernels differ in whether the name then reads as empty or the rule stops matching
        return switch (key) {
            case "l4proto" -> of(Field.PROTOCOL, null, Match.any());
            case "nfproto" -> of(Field.NFPROTO, null, Match.any());
            case "protocol" -> of(Field.ETHERTYPE, null, Match.any());
            case "iifname" -> hook.equals("output") ? unmodelled(Match.any()) : of(Field.IIFNAME, null, Match.any());
            case "oifname" -> hook.equals("input") ? unmodelled(Match.any()) : of(Field.OIFNAME, null, Match.any());
            default -> unmodelled(Match.any());
        };
    }
}
