package io.fwcheck.format.nftables;

import static io.fwcheck.format.InputErrors.assertInputError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fwcheck.format.InputException;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken listings are reported as input errors that say what is wrong, never as a crash: every
 * sample with one value replaced by a value of another shape either reads or fails with a
 * specific {@link InputException}.
 */
class NftablesRobustnessTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static List<String> samples() {
        return NftSamples.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void a_changed_value_is_read_or_reported_never_a_crash(String name) throws Exception {
        JsonNode original = MAPPER.readTree(NftSamples.read(NftSamples.resource(name + ".json")));
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int k = 0; k < 400; k++) {
            JsonNode copy = original.deepCopy();
            List<JsonNode> containers = new ArrayList<>();
            collect(copy, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            replaceOne(target, random);
            String text = MAPPER.writeValueAsString(copy);
            Throwable thrown = catchThrowable(() -> {
                for (String hook : NftablesReader.HOOKS) {
                    Ruleset r = NftablesReader.read(text, name + ".json", hook);
                    assertThat(r).isNotNull();
                }
            });
            if (thrown != null) {
                assertThat(thrown).as("%s mutation %d: %s", name, k, text).isInstanceOf(InputException.class);
                assertThat(thrown.getMessage()).as("%s mutation %d: %s", name, k, text)
                        .doesNotContain("cannot read the file");
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode() && node.size() > 0) {
            out.add(node);
        }
        for (JsonNode child : node) {
            collect(child, out);
        }
    }

    private static void replaceOne(JsonNode container, SplittableRandom random) {
        JsonNode value = switch (random.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextInt(3) - 1);
            case 2 -> NODES.numberNode(70000);
            case 3 -> NODES.textNode("@nosuch");
            case 4 -> NODES.textNode("x");
            case 5 -> NODES.objectNode();
            case 6 -> NODES.arrayNode();
            case 7 -> NODES.booleanNode(true);
            default -> NODES.objectNode().set("range", NODES.arrayNode().add(5).add(1));
        };
        if (container instanceof ArrayNode a) {
            a.set(random.nextInt(a.size()), value);
        } else if (container instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            fields.forEachRemaining(e -> keys.add(e.getKey()));
            o.set(keys.get(random.nextInt(keys.size())), value);
        }
    }

    @Test
    void deep_nesting_is_refused_before_it_exhausts_the_stack() {
        String deep = "{\"nftables\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        InputException e = (InputException) catchThrowable(() -> NftablesReader.read(deep, "deep.json"));

        assertThat(e.getMessage()).startsWith("deep.json:1:").contains("not valid JSON", "nesting depth");
    }

    @Test
    void a_byte_order_mark_is_allowed() {
        Ruleset r = NftablesReader.read("\uFEFF{\"nftables\": []}", "bom.json");

        assertThat(r.rules()).isEmpty();
        assertInputError(() -> NftablesReader.read("\uFEFF", "bom.json"), "bom.json:1:1", "empty file");
    }
}
