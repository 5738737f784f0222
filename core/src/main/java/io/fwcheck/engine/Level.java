package io.fwcheck.engine;

/**
 * The fields of a flow in the order the decision diagram tests them, except that a space may
 * test the destination before the source ({@link FlowSpace#field(int)}, {@link LevelOrder}):
 * a node's level is its depth, arrays of field values are indexed by {@link #ordinal()}. Every
 * field's values are unsigned 128-bit numbers {@code 0..max}; most fields use only the low bits.
 */
enum Level {
    FAMILY(0, 1),
    PROTOCOL(0, 255),
    SOURCE(-1L, -1L),
    DESTINATION(-1L, -1L),
    DESTINATION_PORT(0, 65535),
    SOURCE_PORT(0, 65535),
    ICMP(0, 0xFFFF),
    STATE(0, 3),
    IN_INTERFACE(-1L, -1L),
    OUT_INTERFACE(-1L, -1L);

    static final Level[] ALL = values();
    /** Level index of terminal nodes: below every field. */
    static final int TERMINAL = ALL.length;

    final long maxHi;
    final long maxLo;

    Level(long maxHi, long maxLo) {
        this.maxHi = maxHi;
        this.maxLo = maxLo;
    }
}
