package io.fwcheck.format.cisco;

/** The two configuration languages read: IOS (with IOS-XE, NX-OS and IOS XR access lists) and ASA. */
public enum Dialect {
    /** Cisco IOS and IOS-XE: wildcard masks, sequence numbers, stateless access lists. */
    IOS,
    /** Cisco ASA: netmasks, objects, {@code access-group}, stateful. */
    ASA
}
