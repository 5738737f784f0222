package io.fwcheck.model;

import java.util.regex.Pattern;

/**
 * A glob naming the rulesets a requirement applies to: {@code web-*}, {@code dmz/*.rules},
 * {@code **}{@code /db*.yaml}. {@code *} matches any characters but {@code /}, {@code **} any
 * characters, {@code ?} one character but {@code /}. A pattern matches a ruleset when it matches its
 * name, its file's path (relative, with {@code /}, without a leading {@code ./}) or, for a pattern
 * without {@code /}, the file's name.
 *
 * @param glob the pattern as written
 * @param location where it is written
 */
public record RulesetPattern(String glob, SourceLocation location) {

    public RulesetPattern {
        if (glob == null || glob.isBlank() || location == null) {
            throw new IllegalArgumentException("a ruleset pattern and its location are required");
        }
    }

    /** True when the pattern matches the ruleset's name or file. */
    public boolean matches(String name, String file) {
        Pattern regex = regex();
        String path = normalize(file);
        if (regex.matcher(name).matches() || regex.matcher(path).matches()) {
            return true;
        }
        return !glob.contains("/") && regex.matcher(path.substring(path.lastIndexOf('/') + 1)).matches();
    }

    /** A path with forward slashes, without leading {@code ./}. */
    public static String normalize(String file) {
        String path = file.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        return path;
    }

    private Pattern regex() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    i++;
                    sb.append("(?:.*/)?");
                } else {
                    sb.append(".*");
                }
            } else if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }
}
