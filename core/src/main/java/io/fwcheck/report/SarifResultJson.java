package io.fwcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.fwcheck.analysis.Finding;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.report.SarifModel.ArtifactLocation;
import io.fwcheck.report.SarifModel.PhysicalLocation;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes an audit finding as the {@link SarifModel.Result} {@code SarifReport} would make of it,
 * field by field through a generator: the same text (fields in order, absent values left out, as
 * the model's records are written; tests hold the two equal to the byte), without building the
 * records of each result, location and message first.
 */
final class SarifResultJson {
    private static final SerializedString RULE_ID = new SerializedString("ruleId");
    private static final SerializedString RULE_INDEX = new SerializedString("ruleIndex");
    private static final SerializedString LEVEL = new SerializedString("level");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString TEXT = new SerializedString("text");
    private static final SerializedString LOCATIONS = new SerializedString("locations");
    private static final SerializedString RELATED_LOCATIONS = new SerializedString("relatedLocations");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString PHYSICAL_LOCATION = new SerializedString("physicalLocation");
    private static final SerializedString ARTIFACT_LOCATION = new SerializedString("artifactLocation");
    private static final SerializedString URI = new SerializedString("uri");
    private static final SerializedString URI_BASE_ID = new SerializedString("uriBaseId");
    private static final SerializedString REGION = new SerializedString("region");
    private static final SerializedString START_LINE = new SerializedString("startLine");
    private static final SerializedString START_COLUMN = new SerializedString("startColumn");
    private static final SerializedString PARTIAL_FINGERPRINTS = new SerializedString("partialFingerprints");
    private static final SerializedString FINGERPRINT_KEY = new SerializedString(SarifReport.FINGERPRINT_KEY);
    private static final SerializedString BASELINE_STATE = new SerializedString("baselineState");
    private static final SerializedString SUPPRESSIONS = new SerializedString("suppressions");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString JUSTIFICATION = new SerializedString("justification");
    private static final SerializedString LOCATION = new SerializedString("location");
    private static final SerializedString PROPERTIES = new SerializedString("properties");
    private static final SerializedString RULE = new SerializedString("rule");
    private static final SerializedString RULESET = new SerializedString("ruleset");
    private static final SerializedString REQUIREMENT = new SerializedString("requirement");
    private static final SerializedString WITNESS = new SerializedString("witness");

    /** Stands for a file name that names no file. */
    private static final ArtifactLocation NO_FILE = new ArtifactLocation("", null);

    private final ReportContext context;
    /** Each file's artifact location, made once: a ruleset's findings and related places share a few files. */
    private final Map<String, ArtifactLocation> artifacts = new HashMap<>();

    SarifResultJson(ReportContext context) {
        this.context = context;
    }

    /** {@link SarifReport#physical}, the file's part made once per file. */
    private PhysicalLocation physical(SourceLocation location) {
        ArtifactLocation artifact = artifacts.computeIfAbsent(location.file(), file -> {
            ArtifactLocation a = SarifReport.artifact(file, context);
            return a == null ? NO_FILE : a;
        });
        return artifact == NO_FILE ? null : new PhysicalLocation(artifact, SarifReport.region(location));
    }

    /**
     * A finding's result with its baseline state (or none), and, for a finding its rule suppresses,
     * the suppression's reason and place (else a null reason).
     */
    void write(JsonGenerator g, Finding f, String baselineState, String suppressedBecause, SourceLocation suppressedAt)
            throws IOException {
        g.writeStartObject();
        g.writeFieldName(RULE_ID);
        g.writeString(f.type().id());
        g.writeFieldName(RULE_INDEX);
        g.writeNumber(f.type().ordinal());
        g.writeFieldName(LEVEL);
        g.writeString(SarifReport.level(f.severity()));
        message(g, f.message());
        PhysicalLocation primary = physical(f.location());
        if (primary != null) {
            g.writeFieldName(LOCATIONS);
            g.writeStartArray();
            location(g, null, primary, null);
            g.writeEndArray();
        }
        int related = 0;
        for (Finding.Related r : f.related()) {
            PhysicalLocation where = physical(r.location());
            if (where == null) {
                continue;
            }
            if (related == 0) {
                g.writeFieldName(RELATED_LOCATIONS);
                g.writeStartArray();
            }
            location(g, ++related, where, r.message());
        }
        if (related > 0) {
            g.writeEndArray();
        }
        g.writeFieldName(PARTIAL_FINGERPRINTS);
        g.writeStartObject();
        g.writeFieldName(FINGERPRINT_KEY);
        g.writeString(f.fingerprint());
        g.writeEndObject();
        present(g, BASELINE_STATE, baselineState);
        if (suppressedBecause != null) {
            g.writeFieldName(SUPPRESSIONS);
            g.writeStartArray();
            g.writeStartObject();
            g.writeFieldName(KIND);
            g.writeString("inSource");
            g.writeFieldName(JUSTIFICATION);
            g.writeString(suppressedBecause);
            PhysicalLocation where = physical(suppressedAt);
            if (where != null) {
                g.writeFieldName(LOCATION);
                location(g, null, where, null);
            }
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeFieldName(PROPERTIES);
        g.writeStartObject();
        g.writeFieldName(RULE);
        g.writeString(f.rule());
        g.writeFieldName(RULESET);
        g.writeString(f.ruleset());
        present(g, REQUIREMENT, f.requirement().orElse(null));
        present(g, WITNESS, f.witness().map(Object::toString).orElse(null));
        FlowJson.boxes(g, f.flows());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A text field, left out when null (as the model's records leave out absent values). */
    private static void present(JsonGenerator g, SerializedString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    /** A number field, left out when null. */
    private static void present(JsonGenerator g, SerializedString name, Integer value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(value);
        }
    }

    private static void message(JsonGenerator g, String text) throws IOException {
        g.writeFieldName(MESSAGE);
        g.writeStartObject();
        g.writeFieldName(TEXT);
        g.writeString(text);
        g.writeEndObject();
    }

    /** A {@link SarifModel.Location}: its id and message when given. */
    private static void location(JsonGenerator g, Integer id, PhysicalLocation where, String message)
            throws IOException {
        g.writeStartObject();
        present(g, ID, id);
        g.writeFieldName(PHYSICAL_LOCATION);
        g.writeStartObject();
        g.writeFieldName(ARTIFACT_LOCATION);
        g.writeStartObject();
        g.writeFieldName(URI);
        g.writeString(where.artifactLocation().uri());
        present(g, URI_BASE_ID, where.artifactLocation().uriBaseId());
        g.writeEndObject();
        if (where.region() != null) {
            g.writeFieldName(REGION);
            g.writeStartObject();
            present(g, START_LINE, where.region().startLine());
            present(g, START_COLUMN, where.region().startColumn());
            g.writeEndObject();
        }
        g.writeEndObject();
        if (message != null) {
            message(g, message);
        }
        g.writeEndObject();
    }
}
