package io.fwcheck.format.cloud;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.json.Json;
import io.fwcheck.format.yaml.YamlMembersReader;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The addresses of the names cloud rules refer to but do not define: security groups (their
 * members), prefix lists, service tags, application security groups, network tags and service
 * accounts. They come from a members file ({@link LoadOptions#membersFile()}: the output of
 * {@code aws ec2 describe-network-interfaces}, or a YAML members file) and from
 * {@link LoadOptions#addressNames()} (a policy's groups); the first definition of a name wins.
 * Names match exactly, case included. A name that is not defined leaves the rule uncertain.
 */
public final class AddressNames {

    /**
     * What a name stands for.
     *
     * @param addresses its addresses
     * @param origin where it was defined, e.g. {@code members.yaml} or {@code the policy's groups}
     */
    public record Definition(AddressSet addresses, String origin) {
        public Definition {
            Objects.requireNonNull(addresses, "addresses");
            Objects.requireNonNull(origin, "origin");
        }
    }

    private static final AddressNames NONE = new AddressNames(Map.of());

    private final Map<String, Definition> names;

    private AddressNames(Map<String, Definition> names) {
        this.names = Map.copyOf(names);
    }

    /** No names defined. */
    public static AddressNames none() {
        return NONE;
    }

    /** Names from a map, all with one origin. */
    public static AddressNames of(Map<String, AddressSet> names, String origin) {
        Map<String, Definition> out = new LinkedHashMap<>();
        names.forEach((name, set) -> out.put(name, new Definition(set, origin)));
        return new AddressNames(out);
    }

    /**
     * The names the options define: the members file's (read here) and then the others.
     *
     * @throws InputException when the members file cannot be read
     */
    public static AddressNames of(LoadOptions options) {
        Map<String, Definition> out = new LinkedHashMap<>();
        if (options.membersFile().isPresent()) {
            Path file = options.membersFile().get();
            String origin = file.toString();
            membersFile(RulesetLoader.readText(file, "members file"), origin).forEach((n, set) -> out.putIfAbsent(n, new Definition(set,
                    origin)));
        }
        options.addressNames().forEach((n, set) -> out.putIfAbsent(n, new Definition(set, "the policy's groups")));
        return new AddressNames(out);
    }

    /** The definition of a name. */
    public Optional<Definition> get(String name) {
        return Optional.ofNullable(names.get(name));
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * Reads a members file: {@code aws ec2 describe-network-interfaces} JSON (the addresses of each
     * security group's members) or a YAML members file.
     */
    static Map<String, AddressSet> membersFile(String text, String fileName) {
        String start = text.stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).stripLeading();
        }
        if (start.startsWith("{") || start.startsWith("[")) {
            return networkInterfaces(text, fileName);
        }
        return YamlMembersReader.read(text, fileName);
    }

    /**
     * The members of each security group in {@code aws ec2 describe-network-interfaces} output: the
     * private IPv4 addresses, IPv6 addresses and delegated prefixes of every interface the group is
     * attached to (security group references match private addresses, never public ones). Only
     * these keys are read; the many others describe the interfaces and do not matter here.
     */
    static Map<String, AddressSet> networkInterfaces(String text, String fileName) {
        CloudJson json = new CloudJson(fileName);
        String expected = "a members file: aws ec2 describe-network-interfaces output or YAML (version: 1, members: ...)";
        Json root = json.parse(text, expected);
        Json.Obj top = json.source().object(root, "the members file");
        Json list = top.get("NetworkInterfaces").orElseThrow(() -> json.error(root,
                "JSON without 'NetworkInterfaces'", expected));
        Map<String, List<AddressRange>> members = new LinkedHashMap<>();
        for (Json item : json.list(list, "'NetworkInterfaces'")) {
            Json.Obj eni = json.source().object(item, "a network interface");
            List<AddressRange> addresses = new ArrayList<>();
            json.optString(eni, "PrivateIpAddress", "a network interface").ifPresent(a -> addresses.add(
                    address(json, eni.get("PrivateIpAddress").get(), a)));
            for (Json p : json.list(eni, "PrivateIpAddresses", "a network interface")) {
                Json.Obj o = json.source().object(p, "a private address");
                json.optString(o, "PrivateIpAddress", "a private address").ifPresent(a -> addresses.add(
                        address(json, o.get("PrivateIpAddress").get(), a)));
            }
            for (String[] kind : new String[][] {{"Ipv6Addresses", "Ipv6Address"}, {"Ipv4Prefixes", "Ipv4Prefix"},
                    {"Ipv6Prefixes", "Ipv6Prefix"}}) {
                for (Json p : json.list(eni, kind[0], "a network interface")) {
                    Json.Obj o = json.source().object(p, "an item of '" + kind[0] + "'");
                    json.optString(o, kind[1], "an item").ifPresent(a -> addresses.add(address(json, o.get(kind[1]).get(),
                            a)));
                }
            }
            for (Json g : json.list(eni, "Groups", "a network interface")) {
                Json.Obj group = json.source().object(g, "a group of a network interface");
                String id = json.requireString(group, "GroupId", "a group of a network interface");
                members.computeIfAbsent(id, k -> new ArrayList<>()).addAll(addresses);
            }
        }
        Map<String, AddressSet> out = new LinkedHashMap<>();
        members.forEach((id, ranges) -> out.put(id, AddressSet.of(ranges)));
        return out;
    }

    private static AddressRange address(CloudJson json, Json node, String text) {
        try {
            return AddressSpecs.parse(text);
        } catch (IllegalArgumentException e) {
            throw json.invalid(node, e);
        }
    }
}
