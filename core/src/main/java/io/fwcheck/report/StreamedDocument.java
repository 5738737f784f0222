package io.fwcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes an indented JSON document whose one large array (an audit's rulesets, a SARIF run's
 * results) is rendered in parts on a few threads ({@link OrderedTexts}) and written as the parts
 * come, in order: the rest of the document comes from its typed form with that array empty, so
 * the two agree to the byte with the document rendered in one piece.
 */
final class StreamedDocument {

    private StreamedDocument() {}

    /**
     * @param head the document with the streamed array empty, as a tree in its fields' order
     * @param path the field names and list indexes that lead to the array, e.g. {@code runs, 0, results}
     * @param texts each part's elements, rendered at the array's depth (see {@link JsonReport#prettyPrinter(int)})
     * @param parts how many parts there are
     */
    static void write(ObjectMapper mapper, JsonNode head, List<String> path, OrderedTexts<?> texts, int parts,
            Writer out) throws IOException {
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.setPrettyPrinter(JsonReport.prettyPrinter());
            new Walk(mapper, g, path, texts, parts).node(head, 0);
        }
        out.write('\n');
    }

    /** One walk down the tree to the streamed array, writing what it passes. */
    private record Walk(ObjectMapper mapper, JsonGenerator g, List<String> path, OrderedTexts<?> texts, int parts) {

        /** Writes a node at {@code depth} steps along the path to the array. */
        void node(JsonNode node, int depth) throws IOException {
            if (depth == path.size()) {
                g.writeStartArray();
                for (int i = 0; i < parts; i++) {
                    OrderedTexts.Chars text = texts.get(i);
                    for (int e = 0; e < text.elements(); e++) {
                        g.writeRawValue(text.chars(), text.start(e), text.end(e) - text.start(e));
                    }
                }
                g.writeEndArray();
            } else if (node.isObject()) {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    g.writeFieldName(field.getKey());
                    child(field.getValue(), field.getKey(), depth);
                }
                g.writeEndObject();
            } else if (node.isArray()) {
                g.writeStartArray();
                for (int i = 0; i < node.size(); i++) {
                    child(node.get(i), Integer.toString(i), depth);
                }
                g.writeEndArray();
            } else {
                mapper.writeTree(g, node);
            }
        }

        private void child(JsonNode node, String step, int depth) throws IOException {
            if (step.equals(path.get(depth))) {
                node(node, depth + 1);
            } else {
                mapper.writeTree(g, node);
            }
        }
    }
}
