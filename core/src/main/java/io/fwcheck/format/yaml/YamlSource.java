package io.fwcheck.format.yaml;

import io.fwcheck.format.InputException;
import io.fwcheck.model.SourceLocation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML file being read: turns nodes into located texts, lists and checked mappings, and
 * problems into {@link InputException}s at the node's 1-based line:column. A scalar is always its
 * text as written; YAML's implicit typing is only used to recognise an empty value.
 */
final class YamlSource {

    private static final String EXPECTED_MARKER = " (expected ";

    private final String fileName;

    YamlSource(String fileName) {
        this.fileName = fileName;
    }

    String fileName() {
        return fileName;
    }

    SourceLocation at(Node node) {
        return new SourceLocation(fileName, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    /** 1-based line of a node. */
    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    InputException error(Node node, String problem, String expected) {
        return new InputException(at(node), problem, expected);
    }

    /**
     * Wraps a parse error of a value (an {@link IllegalArgumentException} whose message may end in
     * {@code (expected …)}) at the node that held the value.
     */
    InputException invalid(Node node, IllegalArgumentException e) {
        String message = e.getMessage() == null ? "invalid value" : e.getMessage();
        int marker = message.lastIndexOf(EXPECTED_MARKER);
        if (marker > 0 && message.endsWith(")")) {
            return error(node, message.substring(0, marker),
                    message.substring(marker + EXPECTED_MARKER.length(), message.length() - 1));
        }
        return error(node, message, null);
    }

    /** True for an empty value: nothing after the colon, {@code ~} or {@code null}, unquoted. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.isPlain() && Tag.NULL.equals(scalar.getTag());
    }

    /** {@code a list}, {@code a mapping}, {@code empty} or the scalar's text in quotes. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "empty";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /** The text of a scalar; an error for lists, mappings, empty values and custom tags. */
    String text(Node node, String role, String expected) {
        checkTag(node);
        if (node instanceof ScalarNode scalar && !isNull(node)) {
            return scalar.getValue();
        }
        if (isNull(node)) {
            throw error(node, role + " has no value", expected);
        }
        throw error(node, role + " is " + describe(node) + ", not a single value", expected);
    }

    /**
     * {@link #text(Node, String, String)} of an item of a list, whose role ({@code an item of}
     * the list's role) is only spelt out for an error.
     */
    String itemText(Node item, String listRole, String expected) {
        String plain = scalarText(item);
        return plain != null ? plain : text(item, "an item of " + listRole, expected);
    }

    /** The text of a scalar that is neither empty nor tagged, else null (then {@link #text} tells why). */
    static String scalarText(Node node) {
        return node instanceof ScalarNode scalar && !node.getTag().isSecondary() && !isNull(node)
                ? scalar.getValue() : null;
    }

    /** The items of a list; an error for anything else. */
    List<Node> list(Node node, String role, String expected) {
        checkTag(node);
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        if (isNull(node)) {
            throw error(node, role + " has no value", expected);
        }
        throw error(node, role + " is " + describe(node) + ", not a list", expected);
    }

    /** The items of a list, or a single scalar as a list of one; an error for a mapping. */
    List<Node> listOrSingle(Node node, String role, String expected) {
        checkTag(node);
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        text(node, role, expected);
        return List.of(node);
    }

    /**
     * A mapping whose keys are checked: unique, and (unless {@code keys} is null) each one of
     * {@code keys}.
     */
    YamlMap map(Node node, String role, String expected, List<String> keys) {
        checkTag(node);
        if (node instanceof MappingNode mapping) {
            return new YamlMap(this, mapping, role, keys);
        }
        if (isNull(node)) {
            throw error(node, role + " has no value", expected);
        }
        throw error(node, role + " is " + describe(node) + ", not a mapping", expected);
    }

    /**
     * One of a fixed set of words, case-insensitive, e.g. an action.
     *
     * @param role what holds the value, for messages, e.g. {@code 'action'}
     * @param noun what the value is, for messages, e.g. {@code action}
     */
    <T> T choice(Node node, String role, String noun, Map<String, T> choices) {
        String plain = scalarText(node);
        T known = plain == null ? null : choices.get(plain.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        String expected = Suggestions.choice(choices.keySet());
        String text = text(node, role, expected);
        T value = choices.get(text.toLowerCase(Locale.ROOT));
        if (value == null) {
            throw error(node, "'" + text + "' is not a valid " + noun + Suggestions.didYouMean(text, choices.keySet()),
                    expected);
        }
        return value;
    }

    private void checkTag(Node node) {
        // a tag is secondary exactly when it does not start with Tag.PREFIX: every untagged node
        // has a standard one
        if (!node.getTag().isSecondary()) {
            return;
        }
        String tag = node.getTag().getValue();
        String value = node instanceof ScalarNode scalar ? scalar.getValue() : "";
        String written = value.isEmpty() ? tag : tag + " " + value;
        throw error(node, "'" + written + "' starts with a YAML tag '" + tag + "'",
                "plain text; put a negation in quotes, e.g. \"" + written + "\"");
    }
}
