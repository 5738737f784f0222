package io.fwcheck.format.yaml;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The spelling of names: group and service names (letters first, so they never look like an
 * address or a port) and ids of requirements and rules.
 */
final class Names {

    /** Longest name or id accepted. */
    static final int MAX_LENGTH = 128;

    /** The word that means every address, protocol or service; never a group or service name. */
    static final String ANY = "any";

    /** The word that means no value at all (a rule condition that matches no packet). */
    static final String NONE = "none";

    /** The key of a negated condition, {@code {not: [...]}}. */
    static final String NOT = "not";

    /** Longest rule name accepted: ids of rules inlined from chains join the ids along the jumps. */
    static final int MAX_RULE_NAME = 1024;

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]*");

    static final String REFERENCE_RULE = "a letter or '_' followed by letters, digits, '_', '.' or '-'";
    static final String ID_RULE = "letters, digits, '_', '.', ':' or '-', not starting with a punctuation mark";
    static final String RULE_NAME_RULE = "characters without blanks and control characters, starting with a letter,"
            + " a digit or '_', e.g. allow-app or INPUT#3>app-in#2";

    private Names() {}

    /** True when the text is spelt like a group or service name. */
    static boolean isReference(String text) {
        return text.length() <= MAX_LENGTH && REFERENCE.matcher(text).matches();
    }

    /** Checks a requirement id or a rule name and returns it. */
    static String id(YamlSource source, Node node, String text, String what) {
        if (text.length() > MAX_LENGTH || !ID.matcher(text).matches()) {
            throw source.error(node, "'" + text + "' is not a valid " + what,
                    "at most " + MAX_LENGTH + " " + ID_RULE + ", e.g. app-to-db");
        }
        return text;
    }

    /** True when the text is spelt like a rule name: see {@link #RULE_NAME_RULE}. */
    static boolean isRuleName(String text) {
        if (text.isEmpty() || text.length() > MAX_RULE_NAME) {
            return false;
        }
        char first = text.charAt(0);
        if (!(first < 0x80 && (Character.isLetterOrDigit(first) || first == '_'))) {
            return false;
        }
        return text.codePoints().allMatch(Names::visible);
    }

    /** A character that shows as itself: no blank, control, format or unassigned character, no lone surrogate. */
    private static boolean visible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    /** Checks a rule name and returns it. */
    static String ruleName(YamlSource source, Node node, String text) {
        if (!isRuleName(text)) {
            throw source.error(node, "'" + text + "' is not a valid rule name",
                    "at most " + MAX_RULE_NAME + " " + RULE_NAME_RULE);
        }
        return text;
    }
}
