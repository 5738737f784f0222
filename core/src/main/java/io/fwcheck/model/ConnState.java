package io.fwcheck.model;

import java.util.Locale;

/** Connection-tracking state of a packet, as netfilter's conntrack sees it. */
public enum ConnState {
    NEW,
    ESTABLISHED,
    RELATED,
    INVALID;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
