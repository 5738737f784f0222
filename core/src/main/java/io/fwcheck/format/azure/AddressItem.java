package io.fwcheck.format.azure;

import io.fwcheck.model.AddressSet;

/** One source or destination of an NSG rule: addresses, or a name whose addresses the rule does not show. */
public sealed interface AddressItem {

    /** Addresses: a prefix, an address, or {@code *} for every address. */
    record Addresses(AddressSet addresses) implements AddressItem {}

    /** A service tag ({@code Internet}, {@code VirtualNetwork}, {@code Storage.WestEurope}, …). */
    record ServiceTag(String name) implements AddressItem {}

    /** An application security group, by name (the last part of its resource id). */
    record ApplicationGroup(String name) implements AddressItem {}
}
