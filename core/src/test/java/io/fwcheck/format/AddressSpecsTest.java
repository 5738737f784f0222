package io.fwcheck.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.IpFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressSpecsTest {

    @Test
    void a_single_address_is_a_range_of_one() {
        assertThat(AddressSpecs.parse("10.0.2.10")).isEqualTo(AddressRange.of(Address.parse("10.0.2.10")));
        assertThat(AddressSpecs.parse("2001:db8:2::10").family()).isEqualTo(IpFamily.IPV6);
    }

    @Test
    void a_cidr_block_covers_its_prefix() {
        AddressRange block = AddressSpecs.parse("10.0.1.0/24");
        assertThat(block.first()).isEqualTo(Address.parse("10.0.1.0"));
        assertThat(block.last()).isEqualTo(Address.parse("10.0.1.255"));
        assertThat(AddressSpecs.parse("0.0.0.0/0")).isEqualTo(AddressRange.all(IpFamily.IPV4));
        assertThat(AddressSpecs.parse("::/0")).isEqualTo(AddressRange.all(IpFamily.IPV6));
        assertThat(AddressSpecs.parse("2001:db8:1::/64").toString()).isEqualTo("2001:db8:1::/64");
    }

    @Test
    void a_range_includes_both_bounds() {
        AddressRange range = AddressSpecs.parse("10.0.1.10-10.0.1.20");
        assertThat(range.first()).isEqualTo(Address.parse("10.0.1.10"));
        assertThat(range.last()).isEqualTo(Address.parse("10.0.1.20"));
        assertThat(AddressSpecs.parse("2001:db8::1-2001:db8::9").family()).isEqualTo(IpFamily.IPV6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.300           | '10.0.0.300' is not an IP address: octet 300 is over 255
            010.0.0.1            | '010.0.0.1' has the octet '010' with a leading zero
            10.0.0               | '10.0.0' is not an IP address
            db01.example.com     | 'db01.example.com' is not an IP address
            10.0.1.5/24          | host bits set in 10.0.1.5/24 (did you mean 10.0.1.0/24, or the single address 10.0.1.5?)
            10.0.1.0/33          | prefix length '33' in '10.0.1.0/33' is not valid (expected a number 0-32
            10.0.1.0/024         | prefix length '024' in '10.0.1.0/024' is not valid
            2001:db8::/129       | prefix length '129' in '2001:db8::/129' is not valid (expected a number 0-128
            10.0.0.0/8/8         | '10.0.0.0/8/8' has more than one '/'
            10.0.0.9-10.0.0.1    | range '10.0.0.9-10.0.0.1' is reversed (expected the lower address first: 10.0.0.1-10.0.0.9)
            10.0.0.1-2001:db8::1 | range '10.0.0.1-2001:db8::1' mixes IPv4 and IPv6
            10.0.0.1-            | '' is not an IP address
            fe80::1%eth0         | 'fe80::1%eth0' is not an IP address
            """)
    void ambiguous_or_wrong_addresses_are_rejected_with_the_text(String text, String message) {
        assertThatThrownBy(() -> AddressSpecs.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void whitespace_and_empty_text_are_rejected() {
        assertThatThrownBy(() -> AddressSpecs.parse("10.0.0.1 ")).hasMessageContaining("contains whitespace");
        assertThatThrownBy(() -> AddressSpecs.parse("")).hasMessageStartingWith("empty address");
    }
}
