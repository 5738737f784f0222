package io.fwcheck.model;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * fwcheck reads and writes addresses itself; the IPAddress library is the reference its answers are
 * compared with, on fixed cases and on many seeded random texts and addresses.
 */
class AddressTextTest {

    /**
     * The strict reading: one address, no prefix, mask, wildcard or zone, IPv4 (also at the end of
     * IPv6) as a dotted quad without leading zeros, IPv6 groups of at most four digits.
     */
    private static final IPAddressStringParameters STRICT;

    static {
        IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder()
                .allowEmpty(false)
                .allowAll(false)
                .allowMask(false)
                .allowPrefix(false)
                .allowSingleSegment(false)
                .allowWildcardedSeparator(false)
                .setEmptyAsLoopback(false);
        builder.getIPv4AddressParametersBuilder()
                .allowLeadingZeros(false)
                .allowUnlimitedLeadingZeros(false)
                .allow_inet_aton(false)
                .allowWildcardedSeparator(false)
                .allowBinary(false);
        builder.getIPv6AddressParametersBuilder()
                .allowWildcardedSeparator(false)
                .allowBinary(false)
                .allowZone(false)
                .allowLeadingZeros(true)
                .allowUnlimitedLeadingZeros(false)
                .getEmbeddedIPv4AddressParametersBuilder()
                .allowLeadingZeros(false)
                .allowUnlimitedLeadingZeros(false)
                .allow_inet_aton(false)
                .allowWildcardedSeparator(false)
                .allowBinary(false);
        STRICT = builder.toParams();
    }

    /** The reference reading of a text: empty when it is not exactly one address. */
    private static Optional<Address> reference(String text) {
        try {
            IPAddress parsed = new IPAddressString(text.trim(), STRICT).toAddress();
            if (parsed == null || parsed.isMultiple() || parsed.isPrefixed()) {
                return Optional.empty();
            }
            BigInteger value = parsed.getValue();
            return Optional.of(parsed.isIPv4() ? Address.ipv4(value.longValue())
                    : Address.ipv6(value.shiftRight(64).longValue(), value.longValue()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static inet.ipaddr.ipv6.IPv6Address library(Address a) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (a.hi() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (a.lo() >>> (56 - 8 * i));
        }
        return new inet.ipaddr.ipv6.IPv6Address(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::|::",
        "::1|::1",
        "1::|1::",
        "2001:DB8::0:1|2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0010|2001:db8::10",
        "2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1|2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
        "::ffff:192.0.2.1|::ffff:c000:201",
        "1:2:3:4:5:6:1.2.3.4|1:2:3:4:5:6:102:304",
        "fe80::1:2:3:4:5:6|fe80:0:1:2:3:4:5:6",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    })
    void reads_and_writes_ipv6_in_the_canonical_form(String text, String canonical) {
        Address a = Address.parse(text);
        assertThat(a.family()).isEqualTo(IpFamily.IPV6);
        assertThat(a.toString()).isEqualTo(canonical);
        assertThat(Optional.of(a)).isEqualTo(reference(text));
        assertThat(library(a).toCanonicalString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''", "':'", "':::'", "'1::2::3'", "':1:2:3:4:5:6:7'", "'1:2:3:4:5:6:7:'", "'1:2:3:4:5:6:7:8:9'",
        "'1:2:3:4:5:6:7'", "'12345::'", "'g::'", "'::1.2.3'", "'::01.2.3.4'", "'1:2:3:4:5:6:7:1.2.3.4'",
        "'::1.2.3.4:5'", "'1.2.3.4::'", "'::/0'", "'fe80::1%eth0'", "'::*'", "'1:2:3:4:5:6:7:8/64'",
        "'10.0.0.256'", "'010.0.0.1'", "'1.2.3'", "'1.2.3.4.5'", "' '", "'::１'",
    })
    void refuses_what_is_not_one_address(String text) {
        assertThat(Address.tryParse(text)).isEmpty();
        assertThat(reference(text)).isEmpty();
    }

    @Test
    void random_addresses_are_written_as_the_reference_writes_them_and_read_back() {
        Random random = new Random(20261124);
        for (int n = 0; n < 20_000; n++) {
            long[] halves = new long[2];
            for (int h = 0; h < 2; h++) {
                for (int g = 0; g < 4; g++) {
                    // zero groups often, so that every shape of zero run comes up
                    int group = random.nextInt(3) == 0 ? random.nextInt(0x10000) : random.nextInt(2) == 0 ? 0
                            : random.nextInt(16);
                    halves[h] = halves[h] << 16 | group;
                }
            }
            Address a = Address.ipv6(halves[0], halves[1]);
            inet.ipaddr.ipv6.IPv6Address lib = library(a);
            assertThat(a.toString()).isEqualTo(lib.toCanonicalString());
            for (String form : List.of(a.toString(), lib.toFullString(), lib.toMixedString(),
                    lib.toCompressedString(), lib.toFullString().toUpperCase(Locale.ROOT))) {
                assertThat(Address.tryParse(form)).as(form).contains(a);
            }
        }
    }

    @Test
    void random_texts_are_read_as_the_reference_reads_them() {
        Random random = new Random(7);
        String[] pieces = {"0", "1", "a", "F", "00", "ff", "0db8", "ffff", "12345", "", ":", "::", ".", "1.2.3.4",
            "255.255.255.255", "256.1.1.1", "01.2.3.4", "10", "x", "%", "/", " "};
        int accepted = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(16);
            for (int p = 0; p < parts; p++) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) {
                    text.append(':');
                }
            }
            Optional<Address> ours = Address.tryParse(text.toString());
            assertThat(ours).as("'%s'", text).isEqualTo(reference(text.toString()));
            accepted += ours.isPresent() ? 1 : 0;
        }
        // the texts must reach both answers often enough to mean something
        assertThat(accepted).isBetween(100, 45_000);
        List<String> valid = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            String[] groups = new String[8];
            for (int g = 0; g < 8; g++) {
                groups[g] = Integer.toHexString(random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0);
            }
            int from = random.nextInt(9);
            int to = from + random.nextInt(9 - from);
            String text = String.join(":", List.of(groups).subList(0, from)) + (to > from ? "::" : from > 0 && from < 8 ? ":" : "")
                    + String.join(":", List.of(groups).subList(to, 8));
            valid.add(text);
        }
        for (String text : valid) {
            assertThat(Address.tryParse(text)).as(text).isEqualTo(reference(text));
        }
    }
}
