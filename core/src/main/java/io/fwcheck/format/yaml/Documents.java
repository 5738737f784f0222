package io.fwcheck.format.yaml;

import io.fwcheck.format.InputException;
import io.fwcheck.model.SourceLocation;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** What the policy and ruleset files have in common: the top-level mapping and its version. */
final class Documents {

    /** The only format version so far. */
    static final String VERSION = "1";

    private Documents() {}

    /**
     * The document's top-level mapping with checked keys.
     *
     * @param kind {@code policy} or {@code ruleset}, for messages
     * @param keys the allowed top-level keys
     */
    static YamlMap root(YamlSource source, String text, String kind, List<String> keys) {
        return root(source, text, kind, keys, YamlLoader.MAX_BYTES);
    }

    /** The document's top-level mapping, from a text of at most {@code limit} characters. */
    static YamlMap root(YamlSource source, String text, String kind, List<String> keys, int limit) {
        String expected = "a " + kind + " with the keys " + String.join(", ", keys);
        Optional<Node> root = YamlLoader.compose(text, source.fileName(), limit);
        if (root.isEmpty()) {
            throw new InputException(new SourceLocation(source.fileName(), 1, 1), "empty file", expected);
        }
        return source.map(root.get(), "the " + kind, expected, keys);
    }

    /** Checks {@code version: 1}; when not required, an absent version means 1. */
    static void version(YamlSource source, YamlMap root, boolean required) {
        Optional<Node> node = required ? Optional.of(root.require("version", "version: " + VERSION)) : root.get("version");
        if (node.isPresent()) {
            String version = source.text(node.get(), "'version'", VERSION);
            if (!version.equals(VERSION)) {
                throw source.error(node.get(), "unsupported version '" + version + "'", VERSION);
            }
        }
    }

    /** The text of a mapping's key when it is a plain scalar, to name an item before it is checked. */
    static Optional<String> peek(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
                        && tuple.getValueNode() instanceof ScalarNode v && !YamlSource.isNull(v)) {
                    return Optional.of(v.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a reader, turning any unexpected runtime failure into an {@link InputException} so
     * that callers only ever see bad input reported as such.
     */
    static <T> T guard(String fileName, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(new SourceLocation(fileName, 0, 0),
                    "cannot read the file: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    null);
        }
    }
}
