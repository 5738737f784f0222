package io.fwcheck.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fwcheck.analysis.Decision;
import io.fwcheck.analysis.DiffGroup;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementChange;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Ruleset;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed documents fwcheck writes as JSON (see {@code docs/json-output.md}): records whose
 * components are the JSON properties, in order. {@link JsonReport} serialises them; tools may read
 * them back with Jackson.
 */
public final class ReportModel {

    /** The version of the JSON documents; bumped only by incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    private ReportModel() {}

    /** The document {@code fwcheck check --format json} writes. */
    @JsonPropertyOrder({"schemaVersion", "tool", "command", "ruleset", "policy", "verdict", "summary", "requirements",
            "findings"})
    public record Check(
            int schemaVersion,
            Tool tool,
            String command,
            RulesetRef ruleset,
            PolicyRef policy,
            String verdict,
            Summary summary,
            List<Requirement> requirements,
            List<Finding> findings) {}

    /** The tool that wrote the document: {@code fwcheck} and its version. */
    public record Tool(String name, String version) {}

    /** The ruleset checked: its name, its file, and every file its rules came from. */
    public record RulesetRef(String name, String file, List<String> files) {

        public RulesetRef {
            files = List.copyOf(files);
        }

        static RulesetRef of(Ruleset ruleset) {
            return new RulesetRef(ruleset.name(), ruleset.source().file(), ruleset.files());
        }
    }

    /** The policy file. */
    public record PolicyRef(String file) {}

    /** How many requirements passed, failed and are unknown. */
    public record Summary(long pass, long fail, long unknown) {}

    /** One requirement with its verdict and evidence. */
    @JsonPropertyOrder({"id", "kind", "text", "description", "severity", "verdict", "message", "location",
            "violation", "decidedBy", "uncertain", "unknownCauses"})
    public record Requirement(
            String id,
            String kind,
            String text,
            String description,
            String severity,
            String verdict,
            String message,
            Location location,
            Flows violation,
            List<Decided> decidedBy,
            Flows uncertain,
            List<Cause> unknownCauses) {

        static Requirement of(RequirementResult r) {
            io.fwcheck.model.Requirement q = r.requirement();
            return new Requirement(q.id(), q.kind(), q.text(), q.description(), q.severity().label(),
                    r.verdict().name(), r.message(), Location.of(q.location()), Flows.of(r.violation()),
                    r.decidedBy().stream().map(Decided::of).toList(), Flows.of(r.uncertain()),
                    r.unknownCauses().stream().map(Cause::of).toList());
        }
    }

    /** The document {@code fwcheck diff --format json} writes. */
    @JsonPropertyOrder({"schemaVersion", "tool", "command", "before", "after", "policy", "gate", "verdict", "summary",
            "requirements", "newlyBlocked", "blockedGroups", "newlyAccepted", "acceptedGroups", "defaultAction",
            "ruleChanges", "uncertain", "unknownCauses", "exposures", "findings"})
    public record Diff(
            int schemaVersion,
            Tool tool,
            String command,
            RulesetRef before,
            RulesetRef after,
            PolicyRef policy,
            Gate gate,
            String verdict,
            DiffSummary summary,
            List<RequirementDiff> requirements,
            Flows newlyBlocked,
            List<Group> blockedGroups,
            Flows newlyAccepted,
            List<Group> acceptedGroups,
            DefaultAction defaultAction,
            List<RuleChange> ruleChanges,
            Flows uncertain,
            List<Cause> unknownCauses,
            List<Exposure> exposures,
            List<Finding> findings) {}

    /** The document {@code fwcheck diff --plan --format json} writes: one diff per changed ruleset. */
    @JsonPropertyOrder({"schemaVersion", "tool", "command", "plan", "policy", "gate", "verdict", "changes"})
    public record PlanDiff(
            int schemaVersion,
            Tool tool,
            String command,
            String plan,
            PolicyRef policy,
            Gate gate,
            String verdict,
            List<PlanChange> changes) {}

    /** One changed ruleset of a {@link PlanDiff}: its name, what changed, and its diff document. */
    @JsonPropertyOrder({"name", "description", "diff"})
    public record PlanChange(String name, String description, Diff diff) {}

    /** The gate settings the diff's verdict applies. */
    public record Gate(String failOn, boolean failOnExisting) {}

    /** How many requirements have each status. */
    @JsonPropertyOrder({"regression", "stillFailing", "fixed", "unknown", "passing"})
    public record DiffSummary(long regression, long stillFailing, long fixed, long unknown, long passing) {}

    /** A requirement before and after the change. */
    @JsonPropertyOrder({"id", "kind", "text", "description", "severity", "status", "location", "before", "after"})
    public record RequirementDiff(
            String id,
            String kind,
            String text,
            String description,
            String severity,
            String status,
            Location location,
            Outcome before,
            Outcome after) {
        static RequirementDiff of(RequirementChange c) {
            io.fwcheck.model.Requirement q = c.requirement();
            return new RequirementDiff(q.id(), q.kind(), q.text(), q.description(), q.severity().label(),
                    c.status().label(), Location.of(q.location()), Outcome.of(c.before()), Outcome.of(c.after()));
        }
    }

    /** A requirement's verdict on one side of a change, with its evidence. */
    @JsonPropertyOrder({"verdict", "message", "violation", "decidedBy", "uncertain", "unknownCauses"})
    public record Outcome(
            String verdict,
            String message,
            Flows violation,
            List<Decided> decidedBy,
            Flows uncertain,
            List<Cause> unknownCauses) {
        static Outcome of(RequirementResult r) {
            return new Outcome(r.verdict().name(), r.message(), Flows.of(r.violation()),
                    r.decidedBy().stream().map(Decided::of).toList(), Flows.of(r.uncertain()),
                    r.unknownCauses().stream().map(Cause::of).toList());
        }
    }

    /** A rule, or the default policy, of one side of a change. */
    @JsonPropertyOrder({"rule", "default", "action", "location"})
    public record RuleRef(String rule, @JsonProperty("default") boolean isDefault, String action, Location location) {
        static RuleRef of(io.fwcheck.analysis.RuleRef r) {
            return new RuleRef(r.rule().map(io.fwcheck.model.Rule::id).orElse(null), r.rule().isEmpty(),
                    r.action().label(), Location.of(r.location()));
        }

        static RuleRef of(io.fwcheck.model.Rule r) {
            return new RuleRef(r.id(), false, r.action().label(), Location.of(r.location()));
        }
    }

    /** Flows whose verdict the change turns around, with the rule deciding them before and after. */
    @JsonPropertyOrder({"before", "after", "flows"})
    public record Group(RuleRef before, RuleRef after, Flows flows) {
        static Group of(DiffGroup g) {
            return new Group(RuleRef.of(g.before()), RuleRef.of(g.after()), Flows.of(g.flows()));
        }
    }

    /** The default action before and after; {@code location} is where it is written after the change. */
    @JsonPropertyOrder({"before", "after", "changed", "location"})
    public record DefaultAction(String before, String after, boolean changed, Location location) {}

    /** A textual rule change and its effect on packets. */
    @JsonPropertyOrder({"kind", "rule", "fields", "before", "after", "hasEffect", "effect"})
    public record RuleChange(
            String kind,
            String rule,
            List<String> fields,
            RuleRef before,
            RuleRef after,
            boolean hasEffect,
            List<Effect> effect) {
        static RuleChange of(io.fwcheck.analysis.RuleChange c) {
            return new RuleChange(c.kind().label(), c.ruleId(), c.fields(),
                    c.before().map(RuleRef::of).orElse(null), c.after().map(RuleRef::of).orElse(null),
                    c.hasEffect(), c.effect().stream().map(Effect::of).toList());
        }
    }

    /** One diff group a rule change takes part in: {@code opens} (newly accepted) or {@code blocks}. */
    @JsonPropertyOrder({"direction", "before", "after", "flows"})
    public record Effect(String direction, RuleRef before, RuleRef after, Flows flows) {
        static Effect of(DiffGroup g) {
            return new Effect(g.after().action().accepts() ? "opens" : "blocks", RuleRef.of(g.before()),
                    RuleRef.of(g.after()), Flows.of(g.flows()));
        }
    }

    /** New connections from a watched source range that the change newly accepts. */
    @JsonPropertyOrder({"watched", "exposed", "flows", "decidedBy", "uncertain"})
    public record Exposure(
            List<String> watched, boolean exposed, Flows flows, List<RuleRef> decidedBy, Flows uncertain) {
        static Exposure of(io.fwcheck.analysis.Exposure e) {
            return new Exposure(e.watched().ranges().stream().map(AddressRange::toString).toList(), e.exposed(),
                    Flows.of(e.flows()), e.decidedBy().stream().map(RuleRef::of).toList(), Flows.of(e.uncertain()));
        }
    }

    /** The document {@code fwcheck audit --format json} writes. */
    @JsonPropertyOrder({"schemaVersion", "tool", "command", "policy", "gate", "verdict", "baseline", "summary", "rulesets",
            "skipped", "absent"})
    public record Audit(
            int schemaVersion,
            Tool tool,
            String command,
            PolicyRef policy,
            AuditGate gate,
            String verdict,
            BaselineRef baseline,
            AuditSummary summary,
            List<AuditedRuleset> rulesets,
            List<Skipped> skipped,
            List<BaselineEntry> absent) {}

    /**
     * The severity threshold the audit's verdict applies, and the finding types it looked for (every
     * audit type unless {@code --only} or {@code --skip} selected some).
     */
    public record AuditGate(String failOn, List<String> findings) {}

    /** The baseline compared with, and how many findings have each state. */
    @JsonPropertyOrder({"file", "new", "unchanged", "absent"})
    public record BaselineRef(
            String file,
            @JsonProperty("new") long isNew,
            long unchanged,
            long absent) {}

    /** Totals over every ruleset; finding counts are of the reported (with a baseline: new) findings. */
    @JsonPropertyOrder({"rulesets", "unreadable", "skipped", "rules", "error", "warning", "info", "unknown",
            "suppressed"})
    public record AuditSummary(long rulesets, long unreadable, long skipped, long rules, long error, long warning,
            long info, long unknown, long suppressed) {}

    /** One audited ruleset file: its counts, its findings and suppressed findings, or why it could not be read. */
    @JsonPropertyOrder({"file", "name", "rules", "error", "summary", "findings", "suppressed"})
    public record AuditedRuleset(
            String file,
            String name,
            int rules,
            Problem error,
            RulesetSummary summary,
            List<AuditFinding> findings,
            List<SuppressedFinding> suppressed) {}

    /** Why a ruleset file could not be audited. */
    public record Problem(String message, Location location) {}

    /** A ruleset's counts of reported findings by severity, UNKNOWN checks and suppressed findings. */
    @JsonPropertyOrder({"error", "warning", "info", "unknown", "suppressed"})
    public record RulesetSummary(long error, long warning, long info, long unknown, long suppressed) {}

    /**
     * A finding of an audit: a {@link Finding} with the first boxes of its flows (at most the cap)
     * and how many there are in all, its state against the baseline ({@code new} or
     * {@code unchanged}; null without a baseline) and whether it is UNKNOWN. The boxes are given
     * as the text report prints them, as in SARIF: an audit's findings are many, and boxes as
     * objects would make up most of a fleet's report.
     */
    @JsonPropertyOrder({"type", "severity", "message", "location", "rule", "ruleset", "requirement", "witness",
            "boxes", "totalBoxes", "related", "fingerprint", "unknown", "baselineState"})
    public record AuditFinding(
            String type,
            String severity,
            String message,
            Location location,
            String rule,
            String ruleset,
            String requirement,
            Flow witness,
            List<String> boxes,
            long totalBoxes,
            List<Related> related,
            String fingerprint,
            boolean unknown,
            String baselineState) {
        static AuditFinding of(io.fwcheck.analysis.Finding f, String baselineState) {
            Finding plain = Finding.of(f);
            return new AuditFinding(plain.type(), plain.severity(), plain.message(), plain.location(), plain.rule(),
                    plain.ruleset(), plain.requirement(), plain.witness(),
                    f.flows().boxes().stream().map(FlowBox::toString).toList(), f.flows().total(), plain.related(),
                    plain.fingerprint(), io.fwcheck.analysis.RulesetAudit.isUnknown(f), baselineState);
        }
    }

    /** A finding a rule suppresses, with the suppression's reason and place. */
    @JsonPropertyOrder({"finding", "reason", "location"})
    public record SuppressedFinding(AuditFinding finding, String reason, Location location) {}

    /** A file found in a directory that is not a ruleset. */
    public record Skipped(String file, String reason) {}

    /** A finding of the baseline, as the baseline file holds it. */
    @JsonPropertyOrder({"ruleset", "fingerprint", "type", "severity", "rule", "location", "message"})
    public record BaselineEntry(String ruleset, String fingerprint, String type, String severity, String rule,
            String location, String message) {
        static BaselineEntry of(io.fwcheck.analysis.Baseline.Entry e) {
            return new BaselineEntry(e.ruleset(), e.fingerprint(), e.type(), e.severity(), e.rule(), e.location(),
                    e.message());
        }
    }

    /** One finding, as the CI formats report it (see {@code docs/rules/}). */
    @JsonPropertyOrder({"type", "severity", "message", "location", "rule", "ruleset", "requirement", "witness",
            "related", "fingerprint"})
    public record Finding(
            String type,
            String severity,
            String message,
            Location location,
            String rule,
            String ruleset,
            String requirement,
            Flow witness,
            List<Related> related,
            String fingerprint) {
        static Finding of(io.fwcheck.analysis.Finding f) {
            return new Finding(f.type().id(), f.severity().label(), f.message(), Location.of(f.location()), f.rule(),
                    f.ruleset(), f.requirement().orElse(null), f.witness().map(Flow::of).orElse(null),
                    f.related().stream().map(Related::of).toList(), f.fingerprint());
        }
    }

    /** A place related to a finding. */
    public record Related(Location location, String message) {
        static Related of(io.fwcheck.analysis.Finding.Related r) {
            return new Related(Location.of(r.location()), r.message());
        }
    }

    /** A place in an input file; {@code line} and {@code column} are 1-based, 0 when not known. */
    public record Location(String file, int line, int column) {
        static Location of(SourceLocation l) {
            return new Location(l.file(), l.line(), l.column());
        }
    }

    /** An exact set of flows: how many boxes describe it, the first of them, and one witness flow. */
    @JsonPropertyOrder({"total", "boxes", "witness"})
    public record Flows(long total, List<Box> boxes, Flow witness) {
        static Flows of(FlowSummary s) {
            return new Flows(s.total(), s.boxes().stream().map(Box::of).toList(),
                    s.witness().map(Flow::of).orElse(null));
        }
    }

    /** The rule, or the default policy, deciding part of a set of flows. */
    @JsonPropertyOrder({"rule", "default", "action", "location", "flows"})
    public record Decided(
            String rule,
            @JsonProperty("default") boolean isDefault,
            String action,
            Location location,
            Flows flows) {
        static Decided of(Decision d) {
            return new Decided(d.rule().map(io.fwcheck.model.Rule::id).orElse(null), d.rule().isEmpty(),
                    d.action().label(), Location.of(d.location()), Flows.of(d.flows()));
        }
    }

    /** An unmodelled construct that makes a verdict UNKNOWN. */
    public record Cause(String rule, String construct, Location location) {
        static Cause of(io.fwcheck.analysis.UnknownCause c) {
            return new Cause(c.rule().id(), c.construct().construct(), Location.of(c.construct().location()));
        }
    }

    /** An inclusive range of integers. */
    public record Range(int from, int to) {
        static List<Range> of(IntRanges r) {
            List<Range> out = new ArrayList<>(r.size());
            for (int i = 0; i < r.size(); i++) {
                out.add(new Range(r.lo(i), r.hi(i)));
            }
            return out;
        }
    }

    /** An inclusive range of ICMP (type, code) pairs, ordered by type then code. */
    public record IcmpRange(int fromType, int fromCode, int toType, int toCode) {
        static List<IcmpRange> of(IntRanges r) {
            List<IcmpRange> out = new ArrayList<>(r.size());
            for (int i = 0; i < r.size(); i++) {
                out.add(new IcmpRange(r.lo(i) >>> 8, r.lo(i) & 0xFF, r.hi(i) >>> 8, r.hi(i) & 0xFF));
            }
            return out;
        }
    }

    /**
     * A box of flows: every combination of its field values is in the set. Addresses are CIDR
     * blocks, single addresses or {@code first-last} ranges; an empty interface list means any.
     */
    @JsonPropertyOrder({"families", "protocols", "sources", "destinations", "sourcePorts", "destinationPorts",
            "icmp", "states", "inInterfaces", "outInterfaces", "text"})
    public record Box(
            List<String> families,
            List<Range> protocols,
            List<String> sources,
            List<String> destinations,
            List<Range> sourcePorts,
            List<Range> destinationPorts,
            List<IcmpRange> icmp,
            List<String> states,
            List<String> inInterfaces,
            List<String> outInterfaces,
            String text) {
        static Box of(FlowBox b) {
            return new Box(
                    b.families().stream().sorted().map(IpFamily::label).toList(),
                    Range.of(b.protocols()),
                    b.sources().ranges().stream().map(AddressRange::toString).toList(),
                    b.destinations().ranges().stream().map(AddressRange::toString).toList(),
                    Range.of(b.sourcePorts()),
                    Range.of(b.destinationPorts()),
                    IcmpRange.of(b.icmp()),
                    b.states().stream().sorted().map(ConnState::label).toList(),
                    b.inInterfaces(),
                    b.outInterfaces(),
                    b.toString());
        }
    }

    /**
     * One flow. Ports are null unless the protocol has ports, the ICMP type and code null unless it
     * is ICMP or ICMPv6, interfaces null when the packet has none.
     */
    @JsonPropertyOrder({"family", "protocol", "source", "sourcePort", "destination", "destinationPort", "icmpType",
            "icmpCode", "state", "inInterface", "outInterface", "text"})
    public record Flow(
            String family,
            int protocol,
            String source,
            Integer sourcePort,
            String destination,
            Integer destinationPort,
            Integer icmpType,
            Integer icmpCode,
            String state,
            String inInterface,
            String outInterface,
            String text) {
        static Flow of(io.fwcheck.model.Flow f) {
            boolean ports = Protocol.hasPorts(f.protocol());
            boolean icmp = Protocol.carriesIcmp(f.family(), f.protocol());
            return new Flow(f.family().label(), f.protocol(), f.source().toString(),
                    ports ? f.sourcePort() : null, f.destination().toString(), ports ? f.destinationPort() : null,
                    icmp ? f.icmpType() : null, icmp ? f.icmpCode() : null, f.state().label(),
                    f.inInterface().isEmpty() ? null : f.inInterface(),
                    f.outInterface().isEmpty() ? null : f.outInterface(),
                    FlowText.of(f));
        }
    }

    /** One line of {@code fwcheck trace --format json}. */
    @JsonPropertyOrder({"flow", "verdict", "rule", "location", "unknownCauses", "path"})
    public record Trace(Flow flow, String verdict, String rule, Location location, List<Cause> unknownCauses,
            Path path) {
        static Trace of(TraceResult r, SourceLocation defaultLocation) {
            return new Trace(Flow.of(r.flow()), r.verdict(), r.rule().map(io.fwcheck.model.Rule::id).orElse(null),
                    Location.of(r.rule().map(io.fwcheck.model.Rule::location).orElse(defaultLocation)),
                    r.unknownCauses().stream().map(Cause::of).toList(), r.path().map(Path::of).orElse(null));
        }
    }

    /** The way of a traced flow through the chains of an iptables or nftables ruleset. */
    @JsonPropertyOrder({"text", "mayBranch", "steps"})
    public record Path(String text, boolean mayBranch, List<Step> steps) {
        static Path of(ChainPath p) {
            return new Path(p.toString(), p.mayBranch(), p.steps().stream().map(Step::of).toList());
        }
    }

    /** One step of a chain path. */
    @JsonPropertyOrder({"kind", "rule", "target", "location"})
    public record Step(String kind, String rule, String target, Location location) {
        static Step of(ChainPath.Step s) {
            return new Step(s.kind().label(), s.rule(), s.target().isEmpty() ? null : s.target(), Location.of(s.location()));
        }
    }

    /** {@code fwcheck list --format json}: the rulesets a file holds. */
    @JsonPropertyOrder({"version", "file", "format", "rulesets"})
    public record Listing(int version, String file, String format, List<ListedRuleset> rulesets) {}

    /** One ruleset in a {@link Listing}. */
    @JsonPropertyOrder({"name", "aliases", "kind", "rules", "location"})
    public record ListedRuleset(String name, List<String> aliases, String kind, int rules, Location location) {
        static ListedRuleset of(RulesetEntry e) {
            return new ListedRuleset(e.name(), e.aliases(), e.kind(), e.rules(), Location.of(e.location()));
        }
    }
}
