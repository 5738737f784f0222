package io.fwcheck.format.azure;

import io.fwcheck.model.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * An Azure network security group.
 *
 * @param name its name
 * @param location where it is defined
 * @param rules its security rules, both directions, the default rules included
 */
public record Nsg(String name, SourceLocation location, List<NsgRule> rules) {

    public Nsg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        rules = List.copyOf(rules);
    }
}
