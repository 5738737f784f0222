package io.fwcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The external schemas reports are validated against: OASIS SARIF 2.1.0 (draft-07) and a JUnit XML XSD. */
final class ReportSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema sarif;
    private static Schema junit;

    private ReportSchemas() {}

    /** The violations of a SARIF log against the official OASIS schema (errata 01), empty when valid. */
    static synchronized List<String> sarifViolations(JsonNode log) {
        if (sarif == null) {
            try (InputStream in = ReportSchemas.class.getResourceAsStream("/report/sarif-schema-2.1.0.json")) {
                sarif = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sarif.validate(log).stream().map(Object::toString).toList();
    }

    /** Validates JUnit XML against {@code report/junit.xsd}; throws with the first problem. */
    static synchronized void validateJunit(String xml) throws SAXException, IOException {
        if (junit == null) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            junit = factory.newSchema(ReportSchemas.class.getResource("/report/junit.xsd"));
        }
        junit.newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
