package io.fwcheck.model;

import java.util.Locale;

/** What a rule or a default policy does with a packet. */
public enum Action {
    ACCEPT,
    DROP,
    REJECT;

    public boolean accepts() {
        return this == ACCEPT;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
