package io.fwcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.Finding;
import io.fwcheck.analysis.RulesetAudit;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.io.IOException;

/**
 * Writes one audited ruleset as the object of {@link ReportModel.AuditedRuleset}, field by field
 * through a generator: the text the typed record gives (tests hold the two equal to the byte),
 * without building a record per finding, flow and place first. An audit of many rulesets has
 * hundreds of thousands of findings, and building their records took as long as writing them.
 * Holds scratch buffers, so one per thread.
 */
final class AuditedRulesetJson {
    private static final SerializedString FILE = new SerializedString("file");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString RULES = new SerializedString("rules");
    private static final SerializedString ERROR = new SerializedString("error");
    private static final SerializedString SUMMARY = new SerializedString("summary");
    private static final SerializedString FINDINGS = new SerializedString("findings");
    private static final SerializedString SUPPRESSED = new SerializedString("suppressed");
    private static final SerializedString WARNING = new SerializedString("warning");
    private static final SerializedString INFO = new SerializedString("info");
    private static final SerializedString UNKNOWN = new SerializedString("unknown");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString LOCATION = new SerializedString("location");
    private static final SerializedString LINE = new SerializedString("line");
    private static final SerializedString COLUMN = new SerializedString("column");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString SEVERITY = new SerializedString("severity");
    private static final SerializedString RULE = new SerializedString("rule");
    private static final SerializedString RULESET = new SerializedString("ruleset");
    private static final SerializedString REQUIREMENT = new SerializedString("requirement");
    private static final SerializedString WITNESS = new SerializedString("witness");
    private static final SerializedString RELATED = new SerializedString("related");
    private static final SerializedString FINGERPRINT = new SerializedString("fingerprint");
    private static final SerializedString BASELINE_STATE = new SerializedString("baselineState");
    private static final SerializedString FINDING = new SerializedString("finding");
    private static final SerializedString REASON = new SerializedString("reason");

    private final FlowJson flows = new FlowJson();

    /** The fields of {@link ReportModel.AuditedRuleset} for {@code r}, in order, as the view reports it. */
    void write(JsonGenerator g, AuditView view, RulesetAudit r) throws IOException {
        g.writeStartObject();
        g.writeFieldName(FILE);
        g.writeString(r.file());
        g.writeFieldName(NAME);
        g.writeString(r.name());
        g.writeFieldName(RULES);
        g.writeNumber(r.rules());
        g.writeFieldName(ERROR);
        if (r.error().isPresent()) {
            g.writeStartObject();
            g.writeFieldName(MESSAGE);
            g.writeString(r.error().get().message());
            g.writeFieldName(LOCATION);
            location(g, r.error().get().location());
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        g.writeFieldName(SUMMARY);
        g.writeStartObject();
        g.writeFieldName(ERROR);
        g.writeNumber(view.count(r, Severity.ERROR));
        g.writeFieldName(WARNING);
        g.writeNumber(view.count(r, Severity.WARNING));
        g.writeFieldName(INFO);
        g.writeNumber(view.count(r, Severity.INFO));
        g.writeFieldName(UNKNOWN);
        g.writeNumber(view.unknown(r));
        g.writeFieldName(SUPPRESSED);
        g.writeNumber((long) r.suppressed().size());
        g.writeEndObject();
        g.writeFieldName(FINDINGS);
        g.writeStartArray();
        for (Finding f : r.findings()) {
            finding(g, f, view.result().state(f).map(Baseline.State::label).orElse(null));
        }
        g.writeEndArray();
        g.writeFieldName(SUPPRESSED);
        g.writeStartArray();
        for (RulesetAudit.SuppressedFinding s : r.suppressed()) {
            g.writeStartObject();
            g.writeFieldName(FINDING);
            finding(g, s.finding(), null);
            g.writeFieldName(REASON);
            g.writeString(s.suppression().reason());
            g.writeFieldName(LOCATION);
            location(g, s.suppression().location());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The fields of {@link ReportModel.AuditFinding}, in order. */
    private void finding(JsonGenerator g, Finding f, String baselineState) throws IOException {
        g.writeStartObject();
        g.writeFieldName(TYPE);
        g.writeString(f.type().id());
        g.writeFieldName(SEVERITY);
        g.writeString(f.severity().label());
        g.writeFieldName(MESSAGE);
        g.writeString(f.message());
        g.writeFieldName(LOCATION);
        location(g, f.location());
        g.writeFieldName(RULE);
        g.writeString(f.rule());
        g.writeFieldName(RULESET);
        g.writeString(f.ruleset());
        g.writeFieldName(REQUIREMENT);
        g.writeString(f.requirement().orElse(null));
        g.writeFieldName(WITNESS);
        if (f.witness().isPresent()) {
            flows.write(g, f.witness().get());
        } else {
            g.writeNull();
        }
        FlowJson.boxes(g, f.flows());
        g.writeFieldName(RELATED);
        g.writeStartArray();
        for (Finding.Related related : f.related()) {
            g.writeStartObject();
            g.writeFieldName(LOCATION);
            location(g, related.location());
            g.writeFieldName(MESSAGE);
            g.writeString(related.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(FINGERPRINT);
        g.writeString(f.fingerprint());
        g.writeFieldName(UNKNOWN);
        g.writeBoolean(RulesetAudit.isUnknown(f));
        g.writeFieldName(BASELINE_STATE);
        g.writeString(baselineState);
        g.writeEndObject();
    }

    /** The fields of {@link ReportModel.Location}, in order. */
    private static void location(JsonGenerator g, SourceLocation l) throws IOException {
        g.writeStartObject();
        g.writeFieldName(FILE);
        g.writeString(l.file());
        g.writeFieldName(LINE);
        g.writeNumber(l.line());
        g.writeFieldName(COLUMN);
        g.writeNumber(l.column());
        g.writeEndObject();
    }
}
