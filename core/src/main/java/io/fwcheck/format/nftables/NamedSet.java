package io.fwcheck.format.nftables;

import io.fwcheck.format.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * A named set or map of a table, as listed.
 *
 * @param name its name, without {@code @}
 * @param map true for a map (elements are key/value pairs)
 * @param elements the listed elements ({@code elem}); none when the list is absent
 * @param runtime why its contents change while packets flow (flags {@code dynamic} or
 *     {@code timeout}, elements with a timeout, rules that add to it), or empty when the listed
 *     elements are all it holds
 * @param definition the set's JSON object
 */
record NamedSet(String name, boolean map, List<Json> elements, Optional<String> runtime, Json.Obj definition) {

    NamedSet {
        elements = List.copyOf(elements);
    }
}
