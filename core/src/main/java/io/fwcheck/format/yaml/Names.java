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

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]*");

    static final String REFERENCE_RULE = "a letter or '_' followed by letters, digits, '_', '.' or '-'";
    static final String ID_RULE = "letters, digits, '_', '.', ':' or '-', not starting with a punctuation mark";

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
}
