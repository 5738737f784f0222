package io.fwcheck.model;

/** The IP version of a flow or an address. */
public enum IpFamily {
    IPV4(32),
    IPV6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    /** Number of bits in an address of this family. */
    public int bits() {
        return bits;
    }

    /** The address family's name as users write it: {@code ipv4} or {@code ipv6}. */
    public String label() {
        return this == IPV4 ? "ipv4" : "ipv6";
    }
}
