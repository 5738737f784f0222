package io.fwcheck.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a YAML text is, from the keys of its top-level mapping, read only as far as needed. */
class YamlKindTest {

    @Test
    void a_ruleset_has_rules_at_the_top_level_wherever_they_come() {
        assertThat(YamlRulesetReader.kindOf("name: a\ndefault: drop\nrules: []\n")).isEqualTo("ruleset");
        assertThat(YamlRulesetReader.kindOf("{name: a, rules: [], default: drop}")).isEqualTo("ruleset");
        assertThat(YamlRulesetReader.kindOf("\uFEFFrules:\n  - action: accept\n")).isEqualTo("ruleset");
        assertThat(YamlRulesetReader.kindOf("requirements: []\nname: a\nrules: []\n")).isEqualTo("ruleset");
        assertThat(YamlRulesetReader.kindOf(
                "meta:\n  rules: {a: [1, {b: c}]}\n  x: &x [1, 2]\n? [complex, key]\n: v\ny: *x\nrules: []\n"))
                .isEqualTo("ruleset");
    }

    @Test
    void a_policy_has_requirements_or_audit_settings_and_no_rules() {
        assertThat(YamlRulesetReader.kindOf("version: 1\nrequirements:\n  - id: a\n")).isEqualTo("policy");
        assertThat(YamlRulesetReader.kindOf("audit:\n  internet: [0.0.0.0/0]\n")).isEqualTo("policy");
    }

    @Test
    void anything_else_is_other() {
        assertThat(YamlRulesetReader.kindOf("")).isEqualTo("other");
        assertThat(YamlRulesetReader.kindOf("# only a comment\n")).isEqualTo("other");
        assertThat(YamlRulesetReader.kindOf("- rules\n- requirements\n")).isEqualTo("other");
        assertThat(YamlRulesetReader.kindOf("just a line of text\n")).isEqualTo("other");
        assertThat(YamlRulesetReader.kindOf("meta:\n  rules: []\n  requirements: []\n")).isEqualTo("other");
        assertThat(YamlRulesetReader.kindOf("name: [unclosed\nrules: []\n")).isEqualTo("other");
        assertThat(YamlRulesetReader.kindOf("a: 1\n---\nrules: []\n")).isEqualTo("other");
    }

    @Test
    void the_keys_are_read_lazily_and_end_quietly_at_broken_yaml() {
        Iterator<String> keys = YamlLoader.topLevelKeys("name: a\nrules: []\nbroken: [\n", 1000);
        assertThat(keys.next()).isEqualTo("name");
        assertThat(keys.next()).isEqualTo("rules");
        assertThat(keys.next()).isEqualTo("broken");
        assertThat(keys.hasNext()).isFalse();

        List<String> all = new ArrayList<>();
        YamlLoader.topLevelKeys("a: {b: 1}\n? [c]\n: 2\nd: [e, {f: g}]\n", 1000).forEachRemaining(all::add);
        assertThat(all).containsExactly("a", "d");
        YamlLoader.topLevelKeys("a: &x [1]\nb: *x\nc: 3\n", 1000).forEachRemaining(all::add);
        assertThat(all).containsExactly("a", "d", "a", "b", "c");
        assertThat(YamlLoader.topLevelKeys("a: 1\n", 3).hasNext()).isFalse();
    }

    @Test
    void the_value_of_a_key_is_not_read_before_the_next_key_is_asked_for() {
        // a ruleset whose rules are broken is still a ruleset (its reader then says where)
        assertThat(YamlRulesetReader.kindOf("name: a\nrules: [unclosed\n")).isEqualTo("ruleset");
        Iterator<String> keys = YamlLoader.topLevelKeys("name: a\nrules: [unclosed\n", 1000);
        assertThat(keys.next()).isEqualTo("name");
        assertThat(keys.next()).isEqualTo("rules");
        assertThat(keys.hasNext()).isFalse();
    }
}
