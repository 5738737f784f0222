package io.fwcheck.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RulesetSelectionTest {

    private static RulesetEntry entry(String name, String... aliases) {
        return new RulesetEntry(name, List.of(aliases), "security group (ingress)", 3, new SourceLocation("sg.json", 4, 7));
    }

    private static final List<RulesetEntry> TWO = List.of(entry("sg-0a1", "db"), entry("sg-0b2", "app"));

    @Test
    void the_only_ruleset_is_selected_without_a_name() {
        assertThat(RulesetSelection.select(List.of(entry("sg-0a1")), Optional.empty(), "sg.json", "security group"))
                .isZero();
    }

    @Test
    void a_name_or_an_alias_selects() {
        assertThat(RulesetSelection.select(TWO, Optional.of("sg-0b2"), "sg.json", "security group")).isEqualTo(1);
        assertThat(RulesetSelection.select(TWO, Optional.of("db"), "sg.json", "security group")).isZero();
    }

    @Test
    void several_without_a_name_is_an_error_listing_them() {
        assertThatThrownBy(() -> RulesetSelection.select(TWO, Optional.empty(), "sg.json", "security group"))
                .isInstanceOf(InputException.class)
                .hasMessage("sg.json: the file holds 2 rulesets (sg-0a1, sg-0b2) (expected one chosen with --ruleset NAME;"
                        + " 'fwcheck list sg.json' shows them)");
    }

    @Test
    void an_unknown_name_is_an_error_listing_the_names() {
        assertThatThrownBy(() -> RulesetSelection.select(TWO, Optional.of("sg-0c3"), "sg.json", "security group"))
                .hasMessage("sg.json: no security group named 'sg-0c3' in the file (expected one of sg-0a1, sg-0b2)");
    }

    @Test
    void an_empty_file_is_an_error() {
        assertThatThrownBy(() -> RulesetSelection.select(List.of(), Optional.empty(), "acl.cfg", "access list"))
                .hasMessage("acl.cfg: the file holds no access list (expected at least one access list)");
    }

    @Test
    void long_lists_are_cut_with_a_count() {
        List<RulesetEntry> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(entry("acl-" + i));
        }
        assertThatThrownBy(() -> RulesetSelection.select(many, Optional.empty(), "r.cfg", "access list"))
                .hasMessageContaining("acl-19 and 5 more)");
    }
}
