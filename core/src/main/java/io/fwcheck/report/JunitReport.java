package io.fwcheck.report;

import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Exposure;
import io.fwcheck.analysis.FindingType;
import io.fwcheck.analysis.RequirementChange;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.RuleRef;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Ruleset;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders results as JUnit XML for CI test reports (GitLab {@code artifacts:reports:junit},
 * Jenkins, Azure): one {@code <testsuite>} for the ruleset, one {@code <testcase>} per requirement
 * (and, for a diff, per watched range). A failed requirement is a {@code <failure>}; an UNKNOWN one
 * is an {@code <error>}, so a report of it is red like the exit code (a skipped test would look
 * harmless). Passing and fixed requirements pass. Test names are stable (requirement id and text,
 * never verdicts), so CI tools can follow a test across runs. Written with StAX.
 */
public final class JunitReport {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private JunitReport() {}

    /** One test case: its name, and what went wrong (none when it passed). */
    private record Case(String name, Outcome outcome, String systemOut) {
        TestCase flat() {
            return outcome == null ? new TestCase(name, null, null, null, null, systemOut)
                    : new TestCase(name, outcome.element(), outcome.type(), outcome.message(), outcome.body(), systemOut);
        }
    }

    /**
     * One test case as written.
     *
     * @param element {@code failure}, {@code error}, or null when it passed
     * @param type the finding type id of the failure or error
     * @param systemOut text for {@code <system-out>}, or null
     */
    record TestCase(String name, String element, String type, String message, String body, String systemOut) {}

    /** One test suite: its name, its properties and its cases. */
    record Suite(String name, Map<String, String> properties, List<TestCase> cases) {}

    /** {@code failure} or {@code error}, with its type (a finding type id), message and body. */
    private record Outcome(String element, String type, String message, String body) {}

    /** The JUnit XML of a check: one test case per requirement, in policy order. */
    public static String check(CheckResult result) {
        List<Case> cases = new ArrayList<>();
        for (RequirementResult r : result.results()) {
            cases.add(new Case(name(r.requirement()), outcome(r, FindingType.REQUIREMENT_VIOLATED), null));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("fwcheck.ruleset.file", result.ruleset().source().file());
        properties.put("fwcheck.policy.file", result.policy().source().file());
        return write("fwcheck check", result.ruleset(), properties, cases);
    }

    /**
     * The JUnit XML of a diff, for the ruleset after the change: one test case per requirement
     * (regression and still-failing fail, unknown is an error) and one per watched source range
     * (newly exposed fails, possibly exposed is an error).
     */
    public static String diff(DiffResult result) {
        return write("fwcheck diff", List.of(diffSuite(result.after().name(), result)));
    }

    /** The JUnit XML of the diffs of a change set: one test suite per changed ruleset, named after it. */
    public static String diffs(List<ChangeDiff> diffs) {
        return write("fwcheck diff --plan", diffs.stream().map(d -> diffSuite(d.change().name(), d.result())).toList());
    }

    private static Suite diffSuite(String name, DiffResult result) {
        List<Case> cases = new ArrayList<>();
        for (RequirementChange c : result.requirements()) {
            Outcome outcome = switch (c.status()) {
                case REGRESSION -> outcome(c.after(), FindingType.REQUIREMENT_REGRESSION);
                case STILL_FAILING -> outcome(c.after(), FindingType.REQUIREMENT_STILL_FAILING);
                case UNKNOWN -> outcome(c.after(), FindingType.REQUIREMENT_UNKNOWN);
                case FIXED, PASSING -> null;
            };
            String out = c.status() == RequirementChange.Status.FIXED
                    ? "fixed by the change; before it: " + c.before().message() + "\n" : null;
            cases.add(new Case(name(c.requirement()), outcome, out));
        }
        for (Exposure e : result.exposures()) {
            cases.add(new Case("no new exposure of " + DiffGate.addresses(e.watched()), exposure(e), null));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("fwcheck.before.file", result.before().source().file());
        properties.put("fwcheck.after.file", result.after().source().file());
        result.policy().ifPresent(p -> properties.put("fwcheck.policy.file", p.source().file()));
        return new Suite(name, properties, cases.stream().map(Case::flat).toList());
    }

    private static String name(Requirement q) {
        return q.id() + ": " + q.text();
    }

    private static Outcome outcome(RequirementResult r, FindingType failure) {
        if (r.verdict() == Verdict.PASS) {
            return null;
        }
        String body = TextReport.details(r, "");
        if (r.verdict() == Verdict.UNKNOWN) {
            return new Outcome("error", FindingType.REQUIREMENT_UNKNOWN.id(), r.message(), body);
        }
        return new Outcome("failure", failure.id(), r.message(), body);
    }

    private static Outcome exposure(Exposure e) {
        if (e.exposed()) {
            StringBuilder body = new StringBuilder();
            e.flows().boxes().forEach(b -> body.append(b).append('\n'));
            if (e.flows().truncated()) {
                body.append("… and ").append(e.flows().total() - e.flows().boxes().size()).append(" more\n");
            }
            e.flows().witness().ifPresent(w -> body.append("e.g. ").append(w).append('\n'));
            for (RuleRef r : e.decidedBy()) {
                body.append("accepted by ").append(r.describe()).append('\n');
            }
            return new Outcome("failure", FindingType.NEW_EXPOSURE.id(), "the change newly accepts connections from "
                    + DiffGate.addresses(e.watched()) + ": " + TextReport.boxCount(e.flows()), body.toString());
        }
        if (!e.uncertain().isEmpty()) {
            StringBuilder body = new StringBuilder();
            e.uncertain().boxes().forEach(b -> body.append(b).append('\n'));
            e.uncertain().witness().ifPresent(w -> body.append("e.g. ").append(w).append('\n'));
            return new Outcome("error", FindingType.EXPOSURE_UNKNOWN.id(), "connections from "
                    + DiffGate.addresses(e.watched())
                    + " may be newly accepted, depending on conditions fwcheck does not model", body.toString());
        }
        return null;
    }

    private static String write(String name, Ruleset ruleset, Map<String, String> properties, List<Case> cases) {
        return write(name, List.of(new Suite(ruleset.name(), properties, cases.stream().map(Case::flat).toList())));
    }

    /** JUnit XML of suites under one {@code <testsuites>} named {@code name}. */
    static String write(String name, List<Suite> suites) {
        List<TestCase> all = suites.stream().flatMap(s -> s.cases().stream()).toList();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml, 0);
            xml.writeStartElement("testsuites");
            counts(xml, name, all);
            for (Suite suite : suites) {
                newline(xml, 1);
                xml.writeStartElement("testsuite");
                counts(xml, suite.name(), suite.cases());
                newline(xml, 2);
                xml.writeStartElement("properties");
                for (Map.Entry<String, String> p : suite.properties().entrySet()) {
                    newline(xml, 3);
                    xml.writeEmptyElement("property");
                    xml.writeAttribute("name", p.getKey());
                    xml.writeAttribute("value", clean(p.getValue()));
                }
                newline(xml, 2);
                xml.writeEndElement();
                for (TestCase c : suite.cases()) {
                    newline(xml, 2);
                    testcase(xml, suite.name(), c);
                }
                newline(xml, 1);
                xml.writeEndElement();
            }
            newline(xml, 0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out + "\n";
    }

    private static long count(List<TestCase> cases, String element) {
        return cases.stream().filter(c -> element.equals(c.element())).count();
    }

    private static void counts(XMLStreamWriter xml, String name, List<TestCase> cases) throws XMLStreamException {
        xml.writeAttribute("name", clean(name));
        xml.writeAttribute("tests", Long.toString(cases.size()));
        xml.writeAttribute("failures", Long.toString(count(cases, "failure")));
        xml.writeAttribute("errors", Long.toString(count(cases, "error")));
        xml.writeAttribute("skipped", "0");
    }

    private static void testcase(XMLStreamWriter xml, String classname, TestCase c) throws XMLStreamException {
        if (c.element() == null && c.systemOut() == null) {
            xml.writeEmptyElement("testcase");
            xml.writeAttribute("name", clean(c.name()));
            xml.writeAttribute("classname", clean(classname));
            return;
        }
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", clean(c.name()));
        xml.writeAttribute("classname", clean(classname));
        if (c.element() != null) {
            newline(xml, 3);
            xml.writeStartElement(c.element());
            xml.writeAttribute("message", clean(c.message()));
            xml.writeAttribute("type", c.type());
            xml.writeCharacters(clean(c.body()));
            xml.writeEndElement();
        }
        if (c.systemOut() != null) {
            newline(xml, 3);
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(c.systemOut()));
            xml.writeEndElement();
        }
        newline(xml, 2);
        xml.writeEndElement();
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Replaces characters XML 1.0 cannot carry (most control characters) with U+FFFD. */
    static String clean(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || Character.isSurrogate(c) && validSurrogate(text, i);
            if (!ok) {
                if (sb == null) {
                    sb = new StringBuilder(text);
                }
                sb.setCharAt(i, '\uFFFD');
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
