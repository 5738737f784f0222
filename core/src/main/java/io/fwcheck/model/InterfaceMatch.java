package io.fwcheck.model;

import java.util.List;

/**
 * A condition on an interface name: any of the patterns matches (a pattern ending in {@code +}
 * matches every name with that prefix), or with {@code negated} none of them does.
 */
public record InterfaceMatch(List<String> patterns, boolean negated) {

    /** Longest interface name, in bytes (Linux IFNAMSIZ without the terminator is 15). */
    public static final int MAX_NAME = 16;

    public InterfaceMatch {
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no interface pattern");
        }
        for (String p : patterns) {
            String base = p.endsWith("+") ? p.substring(0, p.length() - 1) : p;
            checkName(base);
        }
    }

    /**
     * Checks an interface name: at most 16 characters, each at most U+00FF, not ending in U+0000
     * (names are compared as zero-padded bytes, so a trailing zero would be invisible).
     *
     * @throws IllegalArgumentException when the name is not usable
     */
    public static void checkName(String name) {
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("interface name '" + name + "' is longer than " + MAX_NAME);
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("interface name '" + name + "' has an unusable character");
            }
        }
        if (!name.isEmpty() && name.charAt(name.length() - 1) == 0) {
            throw new IllegalArgumentException("interface name ends in a zero character");
        }
    }

    public static InterfaceMatch of(String... patterns) {
        return new InterfaceMatch(List.of(patterns), false);
    }

    public boolean matches(String name) {
        boolean any = false;
        for (String p : patterns) {
            if (p.endsWith("+") ? name.startsWith(p.substring(0, p.length() - 1)) : name.equals(p)) {
                any = true;
                break;
            }
        }
        return any != negated;
    }

    @Override
    public String toString() {
        String list = patterns.size() == 1 ? patterns.get(0) : String.join(",", patterns);
        return negated ? "!" + list : list;
    }
}
