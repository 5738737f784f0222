package io.fwcheck.format.yaml;

import io.fwcheck.format.InputException;
import io.fwcheck.model.Action;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a ruleset in fwcheck's native YAML format (docs/ruleset-format.md): a name, a default
 * action, optional groups and services, and an ordered list of rules. Any problem is an
 * {@link InputException} at the offending node's line:column; nothing is guessed or ignored.
 */
public final class YamlRulesetReader {

    private static final List<String> KEYS = List.of("version", "name", "default", "groups", "services", "rules");

    private final YamlSource source;

    private YamlRulesetReader(YamlSource source) {
        this.source = source;
    }

    /** Reads a ruleset file; the file's path as given names it in locations. */
    public static Ruleset read(Path file) {
        Objects.requireNonNull(file, "file");
        String fileName = file.toString();
        return Documents.guard(fileName, () -> read(YamlLoader.readFile(file, YamlLoader.MAX_RULESET_BYTES), fileName));
    }

    /** Reads a ruleset from its text; {@code fileName} names it in locations. */
    public static Ruleset read(String text, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        return Documents.guard(fileName, () -> new YamlRulesetReader(new YamlSource(fileName)).ruleset(text));
    }

    /**
     * What YAML text is, without reading it as a ruleset: {@code ruleset} when its top level is a
     * mapping with {@code rules}, {@code policy} when it has {@code requirements} or {@code audit},
     * else {@code other} (also for text that is not YAML at all).
     */
    public static String kindOf(String text) {
        boolean policy = false;
        for (Iterator<String> keys = YamlLoader.topLevelKeys(text, YamlLoader.MAX_RULESET_BYTES); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals("rules")) {
                return "ruleset";
            }
            policy |= key.equals("requirements") || key.equals("audit");
        }
        return policy ? "policy" : "other";
    }

    private Ruleset ruleset(String text) {
        YamlMap root = Documents.root(source, text, "ruleset", KEYS, YamlLoader.MAX_RULESET_BYTES);
        Documents.version(source, root, false);
        Node nameNode = root.require("name", "name: the ruleset's name, e.g. db-host-input");
        String name = source.text(nameNode, "'name'", "the ruleset's name, e.g. db-host-input");
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl) || name.length() > Names.MAX_LENGTH) {
            throw source.error(nameNode, "'" + name.strip() + "' is not a valid ruleset name",
                    "one line of at most " + Names.MAX_LENGTH + " characters");
        }
        Node defaultNode = root.require("default", "default: accept, drop or reject");
        Action defaultAction = source.choice(defaultNode, "'default'", "default action", RuleReader.ACTIONS);
        AddressBook groups = AddressBook.read(source, root.get("groups"), true);
        ServiceBook services = ServiceBook.read(source, root.get("services"));
        Node rulesNode = root.require("rules", "rules: a list of rules, or [] for none");
        List<Node> items = source.list(rulesNode, "'rules'", "a list of rules, or [] for none");
        RuleReader reader = new RuleReader(source, groups, services);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            rules.add(reader.rule(items.get(i), i + 1));
        }
        return new Ruleset(name, rules, defaultAction, source.at(root.keyNode("default")));
    }
}
