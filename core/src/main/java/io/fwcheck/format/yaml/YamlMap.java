package io.fwcheck.format.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * A YAML mapping whose keys have been checked: each key is a plain text, appears once, and (for
 * mappings with a fixed set of keys) is one of the allowed keys, so that a misspelt key is an
 * error rather than a silently ignored condition.
 */
final class YamlMap {

    private static final String MERGE_KEY = "<<";

    private final YamlSource source;
    private final MappingNode node;
    private final String role;
    private final Map<String, NodeTuple> entries;

    /**
     * @param keys the allowed keys, in the order to list them; null when any key is allowed
     */
    YamlMap(YamlSource source, MappingNode node, String role, List<String> keys) {
        this.source = source;
        this.node = node;
        this.role = role;
        Map<String, NodeTuple> byKey = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = YamlSource.scalarText(keyNode);
            if (key == null) {
                key = source.text(keyNode, "a key in " + role, "a key name");
            }
            NodeTuple first = byKey.get(key);
            if (first != null) {
                throw source.error(keyNode, "duplicate key '" + key + "' in " + role + " (first at line "
                        + YamlSource.line(first.getKeyNode()) + ")", "each key once");
            }
            if (keys != null && !keys.contains(key)) {
                String hint = key.equals(MERGE_KEY) ? " (YAML merge keys are not supported)"
                        : Suggestions.didYouMean(key, keys);
                throw source.error(keyNode, "unknown key '" + key + "' in " + role + hint,
                        "one of: " + String.join(", ", keys));
            }
            byKey.put(key, tuple);
        }
        this.entries = Collections.unmodifiableMap(byKey);
    }

    MappingNode node() {
        return node;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Node> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    /** The value of a key that must be present; an error at the mapping when it is missing. */
    Node require(String key, String expected) {
        return get(key).orElseThrow(() -> source.error(node, "missing key '" + key + "' in " + role, expected));
    }

    /** The key node of a present key, for errors about the key itself. */
    Node keyNode(String key) {
        return entries.get(key).getKeyNode();
    }

    /** The text of an optional key's value. */
    Optional<String> text(String key, String expected) {
        return get(key).map(value -> source.text(value, "'" + key + "'", expected));
    }

    /** The entries in file order: key text to key and value nodes. */
    Map<String, NodeTuple> entries() {
        return entries;
    }
}
