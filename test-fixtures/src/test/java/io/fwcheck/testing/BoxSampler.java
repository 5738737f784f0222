package io.fwcheck.testing;

import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reads {@link FlowBox}es by brute force: whether a flow lies in a box (from the box's public
 * fields only) and flows drawn from inside a box, corners first.
 */
final class BoxSampler {

    private static final String[] NAMES = {"", "lo", "eth0", "eth1", "eth10", "ppp0", "veth1a2b", "br-x", "tun0", "x"};

    private final SplittableRandom random;

    BoxSampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Whether the flow lies in the box. */
    static boolean contains(FlowBox box, Flow flow) {
        return box.families().contains(flow.family())
                && box.protocols().contains(flow.protocol())
                && box.sources().contains(flow.source())
                && box.destinations().contains(flow.destination())
                && box.sourcePorts().contains(flow.sourcePort())
                && box.destinationPorts().contains(flow.destinationPort())
                && box.icmp().contains(flow.icmpValue())
                && box.states().contains(flow.state())
                && interfaceIn(box.inInterfaces(), flow.inInterface())
                && interfaceIn(box.outInterfaces(), flow.outInterface());
    }

    private static boolean interfaceIn(List<String> patterns, String name) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> matches(p, name));
    }

    /**
     * One entry of a box's interface list: {@code eth0}, {@code eth+}, {@code ""} (no interface),
     * {@code !a,b+} (none of them) or a quoted range {@code "a".."b"} with {@code \xNN} escapes.
     */
    private static boolean matches(String pattern, String name) {
        if (pattern.startsWith("!")) {
            for (String p : pattern.substring(1).split(",")) {
                if (matches(p, name)) {
                    return false;
                }
            }
            return true;
        }
        if (pattern.equals("\"\"")) {
            return name.isEmpty();
        }
        int dots = pattern.indexOf("\"..\"");
        if (pattern.startsWith("\"") && dots > 0) {
            String first = unquote(pattern.substring(0, dots + 1));
            String last = unquote(pattern.substring(dots + 3));
            return first.compareTo(name) <= 0 && name.compareTo(last) <= 0;
        }
        return InterfaceMatch.of(pattern).matches(name);
    }

    private static String unquote(String quoted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && quoted.charAt(i + 1) == 'x') {
                sb.append((char) Integer.parseInt(quoted.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        // the engine pads names with zero bytes: trailing zeros are not part of the name
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == 0) {
            end--;
        }
        return sb.substring(0, end);
    }

    /**
     * A flow inside the box, each field at its lowest value, its highest, or one in between; null
     * when no name this sampler tries lies in an interface field.
     *
     * @throws IllegalArgumentException (from {@link Flow}) when the box holds non-canonical values
     */
    Flow inside(FlowBox box, boolean corner) {
        List<IpFamily> families = new ArrayList<>(box.families());
        families.sort(null);
        IpFamily family = families.get(random.nextInt(families.size()));
        int protocol = value(box.protocols(), corner);
        Address src = address(box.sources().only(family), corner);
        Address dst = address(box.destinations().only(family), corner);
        if (src == null || dst == null) {
            throw new IllegalArgumentException("box " + box + " has no " + family.label() + " address");
        }
        int icmp = value(box.icmp(), corner);
        List<ConnState> states = new ArrayList<>(box.states());
        states.sort(null);
        String in = name(box.inInterfaces());
        String out = name(box.outInterfaces());
        if (in == null || out == null) {
            return null;
        }
        return new Flow(family, src, dst, protocol, value(box.sourcePorts(), corner),
                value(box.destinationPorts(), corner), icmp >>> 8, icmp & 0xFF,
                states.get(random.nextInt(states.size())), in, out);
    }

    private int value(IntRanges values, boolean corner) {
        int k = random.nextInt(3);
        if (corner || k < 2) {
            return k == 0 ? values.lo(0) : values.hi(values.size() - 1);
        }
        int i = random.nextInt(values.size());
        return values.lo(i) + random.nextInt(values.hi(i) - values.lo(i) + 1);
    }

    private Address address(AddressSet set, boolean corner) {
        List<AddressRange> ranges = set.ranges();
        if (ranges.isEmpty()) {
            return null;
        }
        int k = random.nextInt(4);
        if (corner || k < 2) {
            return k % 2 == 0 ? ranges.get(0).first() : ranges.get(ranges.size() - 1).last();
        }
        AddressRange r = ranges.get(random.nextInt(ranges.size()));
        return random.nextBoolean() ? r.first() : r.last();
    }

    private String name(List<String> patterns) {
        if (patterns.isEmpty()) {
            return NAMES[random.nextInt(NAMES.length)];
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            String candidate;
            String p = patterns.get(random.nextInt(patterns.size()));
            if (p.startsWith("!")) {
                candidate = NAMES[random.nextInt(NAMES.length)];
            } else if (p.equals("\"\"")) {
                candidate = "";
            } else if (p.startsWith("\"") && p.contains("\"..\"")) {
                candidate = unquote(p.substring(0, p.indexOf("\"..\"") + 1));
            } else if (p.endsWith("+")) {
                String prefix = p.substring(0, p.length() - 1);
                candidate = random.nextBoolean() || prefix.length() == InterfaceMatch.MAX_NAME ? prefix : prefix + "7";
            } else {
                candidate = p;
            }
            if (interfaceIn(patterns, candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
