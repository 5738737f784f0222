package io.fwcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes a flow as the object of {@link ReportModel.Flow}, field by field through a generator, for
 * the documents written in bulk (trace lines, an audit's findings): the same text the typed record
 * gives, without the record. Holds scratch buffers, so one per thread.
 */
final class FlowJson {
    private static final SerializedString FAMILY = new SerializedString("family");
    private static final SerializedString PROTOCOL = new SerializedString("protocol");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString SOURCE_PORT = new SerializedString("sourcePort");
    private static final SerializedString DESTINATION = new SerializedString("destination");
    private static final SerializedString DESTINATION_PORT = new SerializedString("destinationPort");
    private static final SerializedString ICMP_TYPE = new SerializedString("icmpType");
    private static final SerializedString ICMP_CODE = new SerializedString("icmpCode");
    private static final SerializedString STATE = new SerializedString("state");
    private static final SerializedString IN_INTERFACE = new SerializedString("inInterface");
    private static final SerializedString OUT_INTERFACE = new SerializedString("outInterface");
    private static final SerializedString TEXT = new SerializedString("text");
    private static final SerializedString BOXES = new SerializedString("boxes");
    private static final SerializedString TOTAL_BOXES = new SerializedString("totalBoxes");
    private static final String[] STATES =
            Arrays.stream(ConnState.values()).map(ConnState::label).toArray(String[]::new);

    private final StringBuilder scratch = new StringBuilder(128);
    private char[] chars = new char[128];

    /** The fields of {@link ReportModel.Flow}, in order. */
    void write(JsonGenerator g, Flow f) throws IOException {
        boolean ports = Protocol.hasPorts(f.protocol());
        boolean icmp = Protocol.carriesIcmp(f.family(), f.protocol());
        g.writeStartObject();
        g.writeFieldName(FAMILY);
        g.writeString(f.family().label());
        g.writeFieldName(PROTOCOL);
        g.writeNumber(f.protocol());
        g.writeFieldName(SOURCE);
        address(g, f.source());
        optional(g, SOURCE_PORT, ports, f.sourcePort());
        g.writeFieldName(DESTINATION);
        address(g, f.destination());
        optional(g, DESTINATION_PORT, ports, f.destinationPort());
        optional(g, ICMP_TYPE, icmp, f.icmpType());
        optional(g, ICMP_CODE, icmp, f.icmpCode());
        g.writeFieldName(STATE);
        g.writeString(STATES[f.state().ordinal()]);
        optional(g, IN_INTERFACE, f.inInterface());
        optional(g, OUT_INTERFACE, f.outInterface());
        g.writeFieldName(TEXT);
        scratch.setLength(0);
        FlowText.append(scratch, f);
        writeScratch(g);
        g.writeEndObject();
    }

    /** The {@code boxes} (as text) and {@code totalBoxes} fields of a set of flows, as audit findings give them. */
    static void boxes(JsonGenerator g, FlowSummary flows) throws IOException {
        g.writeFieldName(BOXES);
        g.writeStartArray();
        for (FlowBox box : flows.boxes()) {
            g.writeString(box.toString());
        }
        g.writeEndArray();
        g.writeFieldName(TOTAL_BOXES);
        g.writeNumber(flows.total());
    }

    private void address(JsonGenerator g, Address address) throws IOException {
        if (address.family() != IpFamily.IPV4) {
            g.writeString(address.toString());
            return;
        }
        scratch.setLength(0);
        FlowText.ipv4(scratch, address);
        writeScratch(g);
    }

    private void writeScratch(JsonGenerator g) throws IOException {
        int n = scratch.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        scratch.getChars(0, n, chars, 0);
        g.writeString(chars, 0, n);
    }

    private static void optional(JsonGenerator g, SerializedString name, boolean present, int value)
            throws IOException {
        g.writeFieldName(name);
        if (present) {
            g.writeNumber(value);
        } else {
            g.writeNull();
        }
    }

    /** A string field, null when empty. */
    private static void optional(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value.isEmpty()) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }
}
