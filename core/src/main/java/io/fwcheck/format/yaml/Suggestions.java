package io.fwcheck.format.yaml;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** "Did you mean …?" for misspelt keys and names, and short lists of what would be valid (every input format uses them). */
public final class Suggestions {

    /** Most edits for a candidate to be suggested. */
    static final int MAX_DISTANCE = 2;

    /** Most names listed in a message before "and N more". */
    static final int MAX_LISTED = 12;

    private Suggestions() {}

    /**
     * The candidate closest to {@code word} (first wins ties), within {@link #MAX_DISTANCE} edits
     * (one for words of up to three letters), else the first candidate that {@code word} begins.
     */
    static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = word.length() <= 3 ? 1 : MAX_DISTANCE;
        if (word.length() > Names.MAX_LENGTH) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = limit + 1;
        String lower = word.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            if (Math.abs(candidate.length() - word.length()) > limit) {
                continue;
            }
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null && word.length() >= 3) {
            best = candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(lower)).findFirst().orElse(null);
        }
        return Optional.ofNullable(best);
    }

    /** {@code ; did you mean 'x'?} or nothing. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /** {@code a, b, c} capped at {@link #MAX_LISTED} names with {@code and N more}. */
    public static String list(Collection<String> names) {
        List<String> shown = names.stream().limit(MAX_LISTED).toList();
        String text = String.join(", ", shown);
        return names.size() > shown.size() ? text + " and " + (names.size() - shown.size()) + " more" : text;
    }

    /** {@code a, b or c}. */
    static String choice(Collection<String> names) {
        List<String> all = List.copyOf(names);
        if (all.size() <= 1) {
            return String.join("", all);
        }
        return all.subList(0, all.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + all.get(all.size() - 1);
    }

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
