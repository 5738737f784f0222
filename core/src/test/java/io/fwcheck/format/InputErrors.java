package io.fwcheck.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the {@link InputException} a reader throws: where, and what it says. */
public final class InputErrors {

    private InputErrors() {}

    /**
     * Asserts that the call throws an {@link InputException} at {@code location}
     * ({@code file:line:column}, or the file alone for line 0) whose message contains every part.
     */
    public static InputException assertInputError(ThrowingCallable call, String location, String... parts) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(InputException.class);
        InputException e = (InputException) thrown;
        assertThat(e.location().toString()).as("location of: %s", e.getMessage()).isEqualTo(location);
        assertThat(e.getMessage()).startsWith(location + ": ").contains(parts);
        assertThat(e.getMessage()).as("one line").doesNotContain("\n");
        return e;
    }
}
