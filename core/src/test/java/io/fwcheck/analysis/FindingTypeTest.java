package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FindingTypeTest {

    private static final Path REPOSITORY = Path.of("..");

    @Test
    void ids_are_unique_lowercase_words_joined_by_hyphens() {
        assertThat(Arrays.stream(FindingType.values()).map(FindingType::id))
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+(-[a-z]+)+"));
        assertThat(FindingType.byId("requirement-regression")).isEqualTo(FindingType.REQUIREMENT_REGRESSION);
    }

    @ParameterizedTest
    @EnumSource(FindingType.class)
    void each_type_has_a_summary_without_trailing_period_and_a_help_text(FindingType type) {
        assertThat(type.summary()).isNotBlank().doesNotEndWith(".").doesNotContain("\n");
        assertThat(Character.isUpperCase(type.summary().charAt(0))).isTrue();
        assertThat(type.help()).endsWith(".").hasSizeGreaterThan(type.summary().length());
        assertThat(type.defaultSeverity()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(FindingType.class)
    void each_type_has_a_docs_page_with_an_example_and_the_fix(FindingType type) throws IOException {
        Path page = REPOSITORY.resolve(type.docsPath());

        assertThat(page).exists();
        String text = Files.readString(page);
        assertThat(text).startsWith("# " + type.id() + "\n")
                .contains(type.summary())
                .contains("Default severity: " + type.defaultSeverity().label())
                .contains("## What it finds")
                .contains("## Why it matters")
                .contains("## Example")
                .contains("## Fix");
    }

    @Test
    void the_rules_index_lists_every_type() throws IOException {
        String index = Files.readString(REPOSITORY.resolve("docs/rules/README.md"));

        for (FindingType type : FindingType.values()) {
            assertThat(index).contains("[" + type.id() + "](" + type.id() + ".md)");
        }
    }
}
