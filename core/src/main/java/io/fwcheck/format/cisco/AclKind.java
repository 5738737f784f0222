package io.fwcheck.format.cisco;

import io.fwcheck.model.IpFamily;
import java.util.EnumSet;
import java.util.Set;

/** The kinds of access list read, with the packets each can decide. */
enum AclKind {
    /** IOS {@code access-list 1-99|1300-1999}, {@code ip access-list standard}: source address only. */
    IOS_STANDARD("IOS standard access list", Dialect.IOS, EnumSet.of(IpFamily.IPV4)),
    /** IOS {@code access-list 100-199|2000-2699}, {@code ip access-list extended}, NX-OS and IOS XR IPv4 lists. */
    IOS_EXTENDED("IOS extended access list", Dialect.IOS, EnumSet.of(IpFamily.IPV4)),
    /** IOS {@code ipv6 access-list}. */
    IOS_IPV6("IOS IPv6 access list", Dialect.IOS, EnumSet.of(IpFamily.IPV6)),
    /** ASA {@code access-list NAME extended}: IPv4 and IPv6 in one list. */
    ASA_EXTENDED("ASA access list", Dialect.ASA, EnumSet.allOf(IpFamily.class)),
    /** ASA {@code access-list NAME standard}: destination address only (route filtering). */
    ASA_STANDARD("ASA standard access list", Dialect.ASA, EnumSet.of(IpFamily.IPV4));

    final String label;
    final Dialect dialect;
    final Set<IpFamily> families;

    AclKind(String label, Dialect dialect, Set<IpFamily> families) {
        this.label = label;
        this.dialect = dialect;
        this.families = families;
    }

    boolean standard() {
        return this == IOS_STANDARD || this == ASA_STANDARD;
    }
}
