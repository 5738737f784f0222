package io.fwcheck.format.terraform;

import io.fwcheck.format.cloud.CloudJson;
import io.fwcheck.format.json.Json;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The managed resources of a {@code terraform show -json} document: a plan (its
 * {@code resource_changes}, each with {@code before}, {@code after} and {@code after_unknown}) or a
 * state ({@code values}, all known, taken as the state after). Also the references of the
 * configuration, which tell what a value known only after apply will refer to. Only the keys named
 * here are read: a plan describes every resource, and the rest does not concern filtering.
 */
final class TerraformPlan {

    static final String EXPECTED = "the JSON output of terraform show -json (a plan or a state)";

    /** The resource types fwcheck reads. */
    static final Set<String> TYPES = Set.of("aws_security_group", "aws_security_group_rule",
            "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "google_compute_firewall",
            "azurerm_network_security_group", "azurerm_network_security_rule");

    /**
     * One managed resource.
     *
     * @param address its address, e.g. {@code module.net.aws_security_group.db["a"]}
     * @param type its type
     * @param before its values before the change, empty when it is created (or for a state)
     * @param after its values after the change, empty when it is deleted
     * @param actions the plan's actions ({@code no-op}, {@code create}, {@code update}, {@code delete});
     *     {@code no-op} for a state
     * @param node where it is in the document
     */
    record Resource(String address, String type, Optional<TfValue> before, Optional<TfValue> after, List<String> actions,
            Json node) {

        /** True when the plan changes the resource. */
        boolean changed() {
            return actions.stream().anyMatch(a -> !a.equals("no-op") && !a.equals("read"));
        }

        /** The address without an instance key: {@code aws_security_group.db} for {@code aws_security_group.db[0]}. */
        String configAddress() {
            return TerraformPlan.configAddress(address);
        }
    }

    private final CloudJson json;
    private final List<Resource> resources = new ArrayList<>();
    /** Per resource address without instance keys, per attribute: the addresses it refers to. */
    private final Map<String, Map<String, List<String>>> references = new HashMap<>();
    /** Per resource address without instance keys: the attributes and blocks its configuration sets. */
    private final Map<String, Set<String>> configured = new HashMap<>();
    /** Per resource address without instance keys: the attributes its configuration sets to a constant string. */
    private final Map<String, Map<String, String>> constants = new HashMap<>();
    private final boolean plan;

    private TerraformPlan(CloudJson json, boolean plan) {
        this.json = json;
        this.plan = plan;
    }

    static TerraformPlan parse(String text, String fileName) {
        CloudJson json = new CloudJson(fileName);
        Json root = json.parse(text, EXPECTED);
        Json.Obj top = json.source().object(root, "the document");
        json.require(top, "format_version", "the document");
        boolean plan = top.get("resource_changes").isPresent() || top.get("planned_values").isPresent();
        TerraformPlan p = new TerraformPlan(json, plan);
        if (top.get("resource_changes").isPresent()) {
            for (Json item : json.list(top.get("resource_changes").get(), "'resource_changes'")) {
                p.change(json.source().object(item, "a resource change"));
            }
        } else if (top.get("values").isPresent()) {
            Json.Obj values = json.source().object(top.get("values").get(), "'values'");
            values.get("root_module").ifPresent(m -> p.module(json.source().object(m, "'root_module'")));
        } else if (!plan) {
            throw json.error(root, "neither 'resource_changes' (a plan) nor 'values' (a state)", EXPECTED);
        }
        top.get("configuration").ifPresent(c -> json.source().object(c, "'configuration'").get("root_module")
                .ifPresent(m -> p.config(json.source().object(m, "a module's configuration"), "")));
        return p;
    }

    CloudJson json() {
        return json;
    }

    /** True for a plan, false for a state. */
    boolean isPlan() {
        return plan;
    }

    List<Resource> resources() {
        return resources;
    }

    /** Where the document starts. */
    SourceLocation start() {
        return new SourceLocation(json.source().fileName(), 1, 1);
    }

    /**
     * The addresses (without instance keys) an attribute of a resource refers to in the
     * configuration, e.g. {@code aws_security_group.db} for {@code security_group_id =
     * aws_security_group.db.id}.
     */
    List<String> references(Resource r, String attribute) {
        return references.getOrDefault(r.configAddress(), Map.of()).getOrDefault(attribute, List.of());
    }

    /**
     * Whether the configuration of a resource sets an attribute or block, e.g. the {@code ingress}
     * blocks of an {@code aws_security_group}; empty when the document has no configuration.
     */
    Optional<Boolean> configures(Resource r, String attribute) {
        return Optional.ofNullable(configured.get(r.configAddress())).map(keys -> keys.contains(attribute));
    }

    private void change(Json.Obj rc) {
        String mode = json.optString(rc, "mode", "a resource change").orElse("managed");
        String type = json.requireString(rc, "type", "a resource change");
        if (!mode.equals("managed") || !TYPES.contains(type)) {
            return;
        }
        String address = json.requireString(rc, "address", "a resource change");
        Json.Obj change = json.source().object(json.require(rc, "change", "a resource change"), "'change'");
        List<String> actions = json.list(json.require(change, "actions", "'change'"), "'actions'").stream()
                .map(a -> json.string(a, "an action")).toList();
        Optional<TfValue> before = values(change.get("before"), null);
        Optional<TfValue> after = values(change.get("after"), change.get("after_unknown").orElse(null));
        resources.add(new Resource(address, type, before, after, actions, rc));
    }

    private Optional<TfValue> values(Optional<Json> node, Json unknown) {
        if (node.isEmpty() || node.get() instanceof Json.Null) {
            return Optional.empty();
        }
        return Optional.of(TfValue.root(json.source().object(node.get(), "a resource's values"), unknown));
    }

    /** A module of a state's {@code values}: its resources and child modules. */
    private void module(Json.Obj m) {
        for (Json item : json.list(m, "resources", "a module")) {
            Json.Obj r = json.source().object(item, "a resource");
            String mode = json.optString(r, "mode", "a resource").orElse("managed");
            String type = json.requireString(r, "type", "a resource");
            if (mode.equals("managed") && TYPES.contains(type)) {
                String address = json.requireString(r, "address", "a resource");
                resources.add(new Resource(address, type, Optional.empty(), values(r.get("values"), null),
                        List.of("no-op"), r));
            }
        }
        for (Json child : json.list(m, "child_modules", "a module")) {
            module(json.source().object(child, "a child module"));
        }
    }

    /** A module of the configuration: the references of its resources' expressions. */
    private void config(Json.Obj m, String prefix) {
        for (Json item : json.list(m, "resources", "a module's configuration")) {
            Json.Obj r = json.source().object(item, "a resource's configuration");
            Optional<String> address = json.optString(r, "address", "a resource's configuration");
            Optional<Json> expressions = r.get("expressions");
            if (address.isEmpty()) {
                continue;
            }
            if (expressions.isEmpty() || !(expressions.get() instanceof Json.Obj ex)) {
                configured.put(prefix + address.get(), Set.of());
                continue;
            }
            Map<String, List<String>> byAttribute = new HashMap<>();
            configured.put(prefix + address.get(), ex.entries().stream().map(Map.Entry::getKey)
                    .collect(Collectors.toSet()));
            for (Map.Entry<String, Json> e : ex.entries()) {
                if (e.getValue() instanceof Json.Obj expr && expr.get("constant_value").orElse(null) instanceof Json.Str c) {
                    constants.computeIfAbsent(prefix + address.get(), k -> new HashMap<>()).put(e.getKey(), c.value());
                }
                if (e.getValue() instanceof Json.Obj expr && expr.get("references").orElse(null) instanceof Json.Arr refs) {
                    List<String> to = new ArrayList<>();
                    for (Json ref : refs.items()) {
                        if (ref instanceof Json.Str s) {
                            to.add(prefix + s.value());
                        }
                    }
                    byAttribute.put(e.getKey(), to);
                }
            }
            references.put(prefix + address.get(), byAttribute);
        }
        Optional<Json> calls = m.get("module_calls");
        if (calls.isPresent() && calls.get() instanceof Json.Obj callObj) {
            for (Map.Entry<String, Json> call : callObj.entries()) {
                if (call.getValue() instanceof Json.Obj c && c.get("module").orElse(null) instanceof Json.Obj module) {
                    config(module, prefix + "module." + call.getKey() + ".");
                }
            }
        }
    }

    /**
     * The configured resource of a type a reference names ({@code google_compute_network.prod} for
     * {@code google_compute_network.prod.id}), whether or not fwcheck reads resources of that type.
     */
    Optional<String> configuredResource(List<String> refs, String type) {
        for (String ref : refs) {
            for (String address : configured.keySet()) {
                String local = address.replaceFirst("^(module\\.[^.]+\\.)*", "");
                if (local.startsWith(type + ".") && (ref.equals(address) || ref.startsWith(address + ".")
                        || ref.startsWith(address + "["))) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    /** The constant string a resource's configuration sets an attribute to. */
    Optional<String> constant(String configAddress, String attribute) {
        return Optional.ofNullable(constants.getOrDefault(configAddress, Map.of()).get(attribute));
    }

    /** An address without instance keys ({@code [0]}, {@code ["a"]}) on any of its parts. */
    static String configAddress(String address) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '"' && depth > 0) {
                quoted = true;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The resource a reference names (e.g. {@code aws_security_group.db} from
     * {@code aws_security_group.db.id}): the longest prefix of the reference that is a resource's
     * address without instance keys, of one of the types.
     */
    Optional<String> referencedResource(List<String> refs, Set<String> types) {
        for (String ref : refs) {
            for (Resource r : resources) {
                String base = r.configAddress();
                if (types.contains(r.type()) && (ref.equals(base) || ref.startsWith(base + ".")
                        || ref.startsWith(base + "["))) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }
}
