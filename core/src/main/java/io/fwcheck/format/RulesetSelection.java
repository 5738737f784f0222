package io.fwcheck.format;

import io.fwcheck.model.SourceLocation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the ruleset {@link LoadOptions#ruleset()} names among those a file holds, with the errors
 * users need: none in the file, several and no name given, or no such name — each listing what
 * the file does hold.
 */
public final class RulesetSelection {

    /** How many names an error message lists before "and N more". */
    private static final int LISTED = 20;

    private RulesetSelection() {}

    /**
     * The index in {@code entries} of the selected ruleset.
     *
     * @param entries the rulesets in the file, in file order
     * @param wanted the name given with {@code --ruleset}, or empty
     * @param file the file, for error locations
     * @param noun what the entries are, in the singular, e.g. {@code security group}
     * @throws InputException when the file holds none, when it holds several and none is named, or
     *     when none has the name
     */
    public static int select(List<RulesetEntry> entries, Optional<String> wanted, String file, String noun) {
        SourceLocation where = new SourceLocation(file, 0, 0);
        requireSome(entries, file, noun);
        if (wanted.isEmpty()) {
            if (entries.size() == 1) {
                return 0;
            }
            throw new InputException(where, "the file holds " + entries.size() + " rulesets (" + names(entries)
                    + ")", "one chosen with --ruleset NAME; 'fwcheck list " + file + "' shows them");
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).isNamed(wanted.get())) {
                return i;
            }
        }
        throw new InputException(where, "no " + noun + " named '" + wanted.get() + "' in the file", "one of "
                + names(entries));
    }

    /**
     * Refuses a file that holds no ruleset, where every ruleset of it is read.
     *
     * @param noun what an entry is, in the singular, e.g. {@code security group}
     * @throws InputException when {@code entries} is empty
     */
    public static void requireSome(List<RulesetEntry> entries, String file, String noun) {
        if (entries.isEmpty()) {
            throw new InputException(new SourceLocation(file, 0, 0), "the file holds no " + noun, "at least one " + noun);
        }
    }

    private static String names(List<RulesetEntry> entries) {
        String listed = entries.stream().limit(LISTED).map(RulesetEntry::name).collect(Collectors.joining(", "));
        return entries.size() > LISTED ? listed + " and " + (entries.size() - LISTED) + " more" : listed;
    }
}
