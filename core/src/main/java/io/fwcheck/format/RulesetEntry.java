package io.fwcheck.format;

import io.fwcheck.model.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * One ruleset a file holds, as {@code fwcheck list} shows it and {@code --ruleset NAME} selects it.
 *
 * @param name the name that selects it with {@code --ruleset} (a security group id, an access-list
 *     name, a resource address; for single-ruleset formats the ruleset's own name)
 * @param aliases other names that select it too (e.g. a security group's name beside its id)
 * @param kind what it is, e.g. {@code iptables filter table}, {@code security group (ingress)},
 *     {@code extended access list}
 * @param rules how many rules it has
 * @param location where it is defined
 */
public record RulesetEntry(String name, List<String> aliases, String kind, int rules, SourceLocation location) {

    public RulesetEntry {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        if (rules < 0) {
            throw new IllegalArgumentException("rules < 0");
        }
    }

    /** True when {@code wanted} is this entry's name or one of its aliases (exact, case-sensitive). */
    public boolean isNamed(String wanted) {
        return name.equals(wanted) || aliases.contains(wanted);
    }
}
