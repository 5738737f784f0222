package io.fwcheck.format.yaml;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads a members file (docs/formats-cloud.md): the addresses of the names cloud rules refer to
 * and fwcheck cannot know from the rules alone — security group ids, prefix list ids, service
 * tags, application security groups, network tags and service accounts.
 *
 * <pre>
 * version: 1
 * members:
 *   sg-0a1b2c3d4e5f60718: [10.0.1.0/24, "2001:db8:1::/64"]
 *   pl-0123456789abcdef0: 52.94.0.0/22
 *   "web@my-project.iam.gserviceaccount.com": 10.0.3.7
 *   sg-0ffffffffffffffff: []          # no members: rules that refer to it match nothing
 * </pre>
 *
 * Each value is one address, CIDR block or range, or a list of them ({@code any} for every
 * address); names are any text without blanks.
 */
public final class YamlMembersReader {

    private static final List<String> KEYS = List.of("version", "members");
    private static final String EXPECTED_VALUE =
            "an address, CIDR block or range, or a list of them, e.g. [10.0.1.0/24, \"2001:db8:1::/64\"]";

    private final YamlSource source;

    private YamlMembersReader(YamlSource source) {
        this.source = source;
    }

    /**
     * The names and their addresses, in file order.
     *
     * @throws io.fwcheck.format.InputException for a file that is not a members file
     */
    public static Map<String, AddressSet> read(String text, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        return Documents.guard(fileName, () -> new YamlMembersReader(new YamlSource(fileName)).members(text));
    }

    private Map<String, AddressSet> members(String text) {
        YamlMap root = Documents.root(source, text, "members file", KEYS);
        Documents.version(source, root, true);
        Node body = root.require("members", "members: a mapping from names to addresses");
        YamlMap members = source.map(body, "'members'", "a mapping from names to addresses", null);
        Map<String, AddressSet> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : members.entries().entrySet()) {
            String name = e.getKey();
            Node keyNode = e.getValue().getKeyNode();
            if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw source.error(keyNode, "'" + name + "' is not a name", "a name without blanks, e.g. sg-0a1b2c3d");
            }
            out.put(name, addresses(e.getValue().getValueNode(), name));
        }
        return out;
    }

    private AddressSet addresses(Node node, String name) {
        String role = "the members of '" + name + "'";
        List<AddressRange> ranges = new ArrayList<>();
        for (Node item : source.listOrSingle(node, role, EXPECTED_VALUE)) {
            String text = source.itemText(item, role, EXPECTED_VALUE);
            if (text.toLowerCase(Locale.ROOT).equals(Names.ANY)) {
                return AddressSet.all();
            }
            try {
                ranges.add(AddressSpecs.parse(text));
            } catch (IllegalArgumentException e) {
                throw source.invalid(item, e);
            }
        }
        return AddressSet.of(ranges);
    }
}
