package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parts rendered on several threads come back in order, each whole, also when arrays are reused. */
class OrderedTextsTest {

    /** Part {@code i}: {@code i % 7} elements, of lengths that make arrays grow and shrink. */
    private static List<String> elements(int i) {
        List<String> out = new ArrayList<>();
        for (int e = 0; e < i % 7; e++) {
            out.add(("p" + i + "e" + e + ";").repeat(1 + (i * 131 + e * 17) % 900));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void parts_come_back_in_order_with_their_elements(int threads) throws IOException {
        List<Integer> parts = IntStream.range(0, 200).boxed().toList();
        try (OrderedTexts<Integer> texts = new OrderedTexts<>(parts, threads, (i, out) -> {
            for (String e : elements(i)) {
                out.write(e);
                out.endElement();
            }
        })) {
            for (int i : parts) {
                OrderedTexts.Chars text = texts.get(i);
                List<String> read = new ArrayList<>();
                for (int e = 0; e < text.elements(); e++) {
                    read.add(new String(text.chars(), text.start(e), text.end(e) - text.start(e)));
                }
                assertThat(read).as("part %d", i).isEqualTo(elements(i));
                assertThat(text.length()).isEqualTo(String.join("", elements(i)).length());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void a_rendering_that_fails_fails_the_part_asked_for(int threads) throws IOException {
        List<Integer> parts = IntStream.range(0, 10).boxed().toList();
        try (OrderedTexts<Integer> texts = new OrderedTexts<>(parts, threads, (i, out) -> {
            if (i == 4) {
                throw new IOException("part 4 cannot be written");
            }
            if (i == 6) {
                throw new UncheckedIOException(new IOException("part 6 neither"));
            }
            out.write("ok");
        })) {
            for (int i = 0; i < 4; i++) {
                assertThat(texts.get(i).length()).isEqualTo(2);
            }
            assertThatThrownBy(() -> texts.get(4)).isInstanceOf(IOException.class).hasMessage("part 4 cannot be written");
            assertThat(texts.get(5).length()).isEqualTo(2);
            assertThatThrownBy(() -> texts.get(6)).isInstanceOf(UncheckedIOException.class);
        }
    }
}
