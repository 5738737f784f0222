package io.fwcheck.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The part of SARIF 2.1.0 (OASIS, errata 01) that fwcheck writes, as typed records whose components
 * are the SARIF properties. Absent (null) properties are left out. {@link SarifReport} fills them.
 */
public final class SarifModel {

    /** The schema URI written into {@code $schema}. */
    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /** The SARIF version. */
    public static final String VERSION = "2.1.0";

    private SarifModel() {}

    /** A SARIF log: the schema, the version and the runs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"$schema", "version", "runs"})
    public record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {}

    /** One run of the tool with its results. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"tool", "invocations", "columnKind", "results"})
    public record Run(Tool tool, List<Invocation> invocations, String columnKind, List<Result> results) {}

    /** The tool of a run. */
    public record Tool(ToolComponent driver) {}

    /** The tool's driver: name, version, information URI and rule catalogue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "version", "informationUri", "rules"})
    public record ToolComponent(String name, String version, String informationUri, List<ReportingDescriptor> rules) {}

    /** One rule of the catalogue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "name", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration"})
    public record ReportingDescriptor(
            String id,
            String name,
            Message shortDescription,
            Message fullDescription,
            Message help,
            String helpUri,
            ReportingConfiguration defaultConfiguration) {}

    /** A message as text, and optionally as Markdown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"text", "markdown"})
    public record Message(String text, String markdown) {
        static Message of(String text) {
            return new Message(text, null);
        }
    }

    /** {@code level}: {@code error}, {@code warning} or {@code note}. */
    public record ReportingConfiguration(String level) {}

    /**
     * {@code executionSuccessful} is false when fwcheck could not do all it was asked: a ruleset of an
     * audit could not be read (each such failure is a tool execution notification). For check and
     * diff, which write no log when they fail, it is always true.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"executionSuccessful", "toolExecutionNotifications"})
    public record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {
        public Invocation(boolean executionSuccessful) {
            this(executionSuccessful, null);
        }
    }

    /** A problem fwcheck met while running, e.g. a ruleset it could not read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"level", "message", "locations"})
    public record Notification(String level, Message message, List<Location> locations) {}

    /** A finding that is not reported because the ruleset suppresses it, with the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "justification", "location"})
    public record Suppression(String kind, String justification, Location location) {}

    /** One result: a finding at a location. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"ruleId", "ruleIndex", "level", "message", "locations", "relatedLocations",
            "partialFingerprints", "baselineState", "suppressions", "properties"})
    public record Result(
            String ruleId,
            int ruleIndex,
            String level,
            Message message,
            List<Location> locations,
            List<Location> relatedLocations,
            Map<String, String> partialFingerprints,
            String baselineState,
            List<Suppression> suppressions,
            ResultProperties properties) {

        /** A result with neither baseline state nor suppressions (check, diff). */
        public Result(String ruleId, int ruleIndex, String level, Message message, List<Location> locations,
                List<Location> relatedLocations, Map<String, String> partialFingerprints, ResultProperties properties) {
            this(ruleId, ruleIndex, level, message, locations, relatedLocations, partialFingerprints, null, null,
                    properties);
        }

        Result with(String state, List<Suppression> suppressed) {
            return new Result(ruleId, ruleIndex, level, message, locations, relatedLocations, partialFingerprints, state,
                    suppressed, properties);
        }
    }

    /** Where a result is: a place in a file, with a message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "physicalLocation", "message"})
    public record Location(Integer id, PhysicalLocation physicalLocation, Message message) {}

    /** A file and a region in it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"artifactLocation", "region"})
    public record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

    /** A relative {@code uri} resolves against {@code uriBaseId} ({@code %SRCROOT%}); an absolute one has none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"uri", "uriBaseId"})
    public record ArtifactLocation(String uri, String uriBaseId) {}

    /** 1-based line and column ({@code columnKind} unicodeCodePoints). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"startLine", "startColumn"})
    public record Region(Integer startLine, Integer startColumn) {}

    /**
     * fwcheck's property bag on a result: the rule, ruleset and requirement ids, the flows concerned
     * as boxes (capped, with the total) and one witness flow in the syntax {@code fwcheck trace} reads.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"rule", "ruleset", "requirement", "witness", "boxes", "totalBoxes"})
    public record ResultProperties(
            String rule,
            String ruleset,
            String requirement,
            String witness,
            List<String> boxes,
            long totalBoxes) {}
}
