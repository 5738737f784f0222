package io.fwcheck.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which JSON format a document is, from its outline only: the keys of the top-level object (or of
 * the first item of a top-level list), the keys of its {@code properties} object and the values of
 * its {@code kind} and {@code type} keys. The rest of the document is skipped, not read.
 */
final class JsonShape {

    private static final Set<String> AWS_KEYS = Set.of("SecurityGroups", "SecurityGroupRules", "NetworkAcls");
    private static final Set<String> AZURE_KEYS = Set.of("securityRules", "defaultSecurityRules");

    /** The outline of an object. */
    private record Outline(Set<String> keys, Map<String, String> values, Set<String> properties) {
        boolean has(String key) {
            return keys.contains(key);
        }

        String value(String key) {
            return values.getOrDefault(key, "");
        }
    }

    private JsonShape() {}

    /**
     * The format of a JSON document (text starting with {@code {} or {@code [}). Invalid JSON is
     * still told by the keys before the error, so that the reader reports the error precisely.
     */
    static RulesetFormat.Detection detect(String text) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
                .build();
        Outline seen = new Outline(new LinkedHashSet<>(), new HashMap<>(), new LinkedHashSet<>());
        boolean list = false;
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                list = true;
                JsonToken item = p.nextToken();
                if (item == JsonToken.END_ARRAY) {
                    return refused("an empty JSON list (expected a list of GCP firewall rules or Azure NSGs)");
                }
                if (item != JsonToken.START_OBJECT) {
                    return refused("a JSON list of " + item.asString() + " values, not of objects");
                }
            }
            outline(p, seen);
            return list ? ofItem(seen) : ofObject(seen);
        } catch (JsonProcessingException e) {
            RulesetFormat.Detection partial = list ? ofItem(seen) : ofObject(seen);
            if (partial.format().isPresent()) {
                return partial;
            }
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            return refused("not valid JSON (" + where + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            return refused("unreadable JSON: " + e.getMessage());
        }
    }

    private static RulesetFormat.Detection ofObject(Outline o) {
        if (o.has("nftables")) {
            return found(RulesetFormat.NFTABLES);
        }
        if (AWS_KEYS.stream().anyMatch(o::has) || o.has("GroupId") && o.has("IpPermissions")) {
            return found(RulesetFormat.AWS);
        }
        if (o.has("format_version") && (o.has("terraform_version") || o.has("planned_values") || o.has("values")
                || o.has("resource_changes"))) {
            return found(RulesetFormat.TERRAFORM);
        }
        if (AZURE_KEYS.stream().anyMatch(k -> o.has(k) || o.properties().contains(k))
                || o.value("type").equalsIgnoreCase("Microsoft.Network/networkSecurityGroups")) {
            return found(RulesetFormat.AZURE);
        }
        if (o.value("kind").equals("compute#firewallList") || o.value("kind").equals("compute#firewall")) {
            return found(RulesetFormat.GCP);
        }
        if (o.has("NetworkInterfaces")) {
            return refused("this is 'aws ec2 describe-network-interfaces' output, which holds no rules (give it with"
                    + " --sg-members to resolve security group references)");
        }
        return refused("JSON of no format fwcheck reads (expected nftables JSON {\"nftables\": [...]}, AWS"
                + " {\"SecurityGroups\": [...]}, a Terraform plan {\"format_version\": ..., \"terraform_version\": ...},"
                + " an Azure NSG with \"securityRules\", or a list of GCP firewall rules)");
    }

    private static RulesetFormat.Detection ofItem(Outline o) {
        if (o.value("kind").equals("compute#firewall") || o.has("allowed") || o.has("denied")) {
            return found(RulesetFormat.GCP);
        }
        if (AZURE_KEYS.stream().anyMatch(k -> o.has(k) || o.properties().contains(k)) || o.has("access")
                && o.has("direction") || o.properties().contains("access")) {
            return found(RulesetFormat.AZURE);
        }
        if (o.has("GroupId") || o.has("IpPermissions")) {
            return found(RulesetFormat.AWS);
        }
        return refused("a JSON list of objects of no format fwcheck reads (expected GCP firewall rules, as"
                + " 'gcloud compute firewall-rules list --format=json' prints them, or Azure NSGs)");
    }

    /**
     * Adds to {@code into} the outline of the object whose START_OBJECT is the current token, and
     * leaves the parser after it; what it read stays in {@code into} when the JSON turns out invalid.
     */
    private static void outline(JsonParser p, Outline into) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            into.keys().add(key);
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                into.values().put(key, p.getText());
            } else if (key.equals("properties") && value == JsonToken.START_OBJECT) {
                Outline inner = new Outline(new LinkedHashSet<>(), new HashMap<>(), new LinkedHashSet<>());
                try {
                    outline(p, inner);
                } finally {
                    into.properties().addAll(inner.keys());
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static RulesetFormat.Detection found(RulesetFormat format) {
        return new RulesetFormat.Detection(Optional.of(format), "");
    }

    private static RulesetFormat.Detection refused(String reason) {
        return new RulesetFormat.Detection(Optional.empty(), reason);
    }
}
