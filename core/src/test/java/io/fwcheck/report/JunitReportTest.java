package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.Differ;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

class JunitReportTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String name) {
        NodeList nodes = doc.getElementsByTagName(name);
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    @Test
    void a_check_is_one_suite_per_ruleset_with_one_case_per_requirement() throws Exception {
        String xml = JunitReport.check(Checker.check(Samples.proposed(), Samples.policy()));
        ReportSchemas.validateJunit(xml);
        Document doc = parse(xml);

        Element suites = doc.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("3");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        Element suite = elements(doc, "testsuite").get(0);
        assertThat(elements(doc, "testsuite")).hasSize(1);
        assertThat(suite.getAttribute("name")).isEqualTo("db-input");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        List<Element> cases = elements(doc, "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("name")).containsExactly(
                "app-to-db: app-servers must reach db on postgres",
                "no-internet-to-db: internet must not reach db",
                "db-allowlist: db accepts only app-servers on postgres, bastion on ssh");
        assertThat(cases).allSatisfy(c -> assertThat(c.getAttribute("classname")).isEqualTo("db-input"));
        Element failure = elements(doc, "failure").get(0);
        assertThat(failure.getParentNode()).isEqualTo(cases.get(0));
        assertThat(failure.getAttribute("type")).isEqualTo("requirement-violated");
        assertThat(failure.getAttribute("message")).contains("blocked by block-scanner");
        assertThat(failure.getTextContent())
                .contains("blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new")
                .contains("e.g.     tcp 10.0.1.128:49152 -> 10.0.2.10:5432")
                .contains("decided by block-scanner");
        assertThat(elements(doc, "property")).extracting(p -> p.getAttribute("name"))
                .containsExactly("fwcheck.ruleset.file", "fwcheck.policy.file");
    }

    @Test
    void an_unknown_requirement_is_an_error_so_the_report_is_red() throws Exception {
        String xml = JunitReport.check(Checker.check(Samples.withRateLimit(), Samples.policy()));
        ReportSchemas.validateJunit(xml);
        Document doc = parse(xml);

        assertThat(doc.getDocumentElement().getAttribute("errors")).isEqualTo("1");
        Element error = elements(doc, "error").get(0);
        assertThat(error.getAttribute("type")).isEqualTo("requirement-unknown");
        assertThat(error.getTextContent()).contains("because rule rate-limit uses -m recent --rcheck --seconds 60");
        assertThat(elements(doc, "skipped")).isEmpty();
    }

    @Test
    void a_diff_has_a_case_per_requirement_and_per_watched_range() throws Exception {
        var diff = Differ.diff(Samples.current(), Samples.proposed(), DiffOptions.defaults()
                .withPolicy(Samples.policy()).watching(List.of(Samples.INTERNET, Samples.cidrs("10.0.1.0/24"))));
        String xml = JunitReport.diff(diff);
        ReportSchemas.validateJunit(xml);
        Document doc = parse(xml);

        Element suite = elements(doc, "testsuite").get(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(elements(doc, "testcase")).extracting(c -> c.getAttribute("name")).endsWith(
                "no new exposure of " + Samples.INTERNET, "no new exposure of 10.0.1.0/24");
        assertThat(elements(doc, "failure")).singleElement()
                .satisfies(f -> assertThat(f.getAttribute("type")).isEqualTo("requirement-regression"));
    }

    @Test
    void a_newly_exposed_range_fails_and_a_fixed_requirement_passes_with_a_note() throws Exception {
        var diff = Differ.diff(Samples.proposed(), Samples.current(), DiffOptions.defaults()
                .withPolicy(Samples.policy()).watching(List.of(Samples.cidrs("10.0.1.128/25"))));
        String xml = JunitReport.diff(diff);
        ReportSchemas.validateJunit(xml);
        Document doc = parse(xml);

        assertThat(elements(doc, "failure")).singleElement().satisfies(f -> {
            assertThat(f.getAttribute("type")).isEqualTo("new-exposure");
            assertThat(f.getTextContent()).contains("accepted by allow-app");
        });
        assertThat(elements(doc, "system-out")).singleElement()
                .satisfies(o -> assertThat(o.getTextContent()).startsWith("fixed by the change"));
    }

    @Test
    void characters_xml_cannot_carry_are_replaced_and_markup_is_escaped() throws Exception {
        assertThat(JunitReport.clean("a\u0001b\tc\uD83D\uDE00")).isEqualTo("a\uFFFDb\tc\uD83D\uDE00");
        assertThat(JunitReport.clean("\uD83D")).isEqualTo("\uFFFD");
        var rules = new java.util.ArrayList<>(Samples.proposed().rules());
        rules.set(2, Samples.rule("<block & \"scan\">\u0007", io.fwcheck.model.Action.DROP,
                Samples.blockScanner().match(), 14));
        var odd = new io.fwcheck.model.Ruleset("db <input>", rules, io.fwcheck.model.Action.DROP, Samples.at(3, 1));
        String xml = JunitReport.check(Checker.check(odd, Samples.policy()));

        ReportSchemas.validateJunit(xml);
        assertThat(parse(xml).getDocumentElement().getElementsByTagName("testsuite").item(0)
                .getAttributes().getNamedItem("name").getNodeValue()).isEqualTo("db <input>");
        assertThat(elements(parse(xml), "failure").get(0).getAttribute("message"))
                .contains("<block & \"scan\">\uFFFD");
    }

    @Test
    void the_xsd_catches_a_missing_required_attribute() {
        String xml = JunitReport.check(Checker.check(Samples.proposed(), Samples.policy()))
                .replaceFirst(" classname=\"db-input\"", "");

        assertThatThrownBy(() -> ReportSchemas.validateJunit(xml)).isInstanceOf(SAXException.class)
                .hasMessageContaining("classname");
    }
}
