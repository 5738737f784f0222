package io.fwcheck.model;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A range's text ({@code a}, {@code a/len} or {@code a-b}) and its prefix blocks, on fixed cases
 * and on many seeded random ranges compared with the IPAddress library's prefix blocks.
 */
class AddressRangeTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            10.0.0.0;        10.0.0.0;                     10.0.0.0
            10.0.0.0;        10.0.0.255;                   10.0.0.0/24
            10.0.0.0;        10.0.0.254;                   10.0.0.0-10.0.0.254
            10.0.0.1;        10.0.0.255;                   10.0.0.1-10.0.0.255
            10.0.0.0;        10.0.1.255;                   10.0.0.0/23
            10.0.1.0;        10.0.2.255;                   10.0.1.0-10.0.2.255
            0.0.0.0;         255.255.255.255;              0.0.0.0/0
            128.0.0.0;       255.255.255.255;              128.0.0.0/1
            ::;              ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff; ::/0
            2001:db8::;      2001:db8:0:0:ffff:ffff:ffff:ffff; 2001:db8::/64
            2001:db8::;      2001:db8:0:1:ffff:ffff:ffff:ffff; 2001:db8::/63
            2001:db8::;      2001:db8:0:1:ffff:ffff:ffff:fffe; 2001:db8::-2001:db8:0:1:ffff:ffff:ffff:fffe
            2001:db8::1:0:0:0; 2001:db8::1:ffff:ffff:ffff; 2001:db8:0:0:1::/80
            ::;              ::1;                          ::/127
            ::1;             ::2;                          ::1-::2
            """)
    void writes_a_single_address_a_block_or_the_bounds(String first, String last, String text) {
        assertThat(new AddressRange(Address.parse(first), Address.parse(last))).hasToString(text);
    }

    @Test
    void random_ranges_are_written_and_split_into_blocks_as_the_reference_does() {
        Random random = new Random(20261125);
        for (int n = 0; n < 20_000; n++) {
            boolean v4 = random.nextBoolean();
            Address[] bounds = {address(random, v4), address(random, v4)};
            if (random.nextInt(3) == 0) {
                // a block, or a block with one bound moved by one
                int hostBits = random.nextInt((v4 ? 32 : 128) + 1);
                bounds[0] = AddressRange.covering(bounds[0], (v4 ? 32 : 128) - hostBits).first();
                bounds[1] = AddressRange.covering(bounds[0], (v4 ? 32 : 128) - hostBits).last();
                int nudge = random.nextInt(4);
                if (nudge == 1) {
                    bounds[0] = bounds[0].next().orElse(bounds[0]);
                } else if (nudge == 2) {
                    bounds[1] = bounds[1].previous().orElse(bounds[1]);
                }
            }
            Arrays.sort(bounds);
            AddressRange range = new AddressRange(bounds[0], bounds[1]);
            List<String> blocks = referenceBlocks(range);
            assertThat(range.toCidrs()).as("%s", range).isEqualTo(blocks);
            String expected = bounds[0].equals(bounds[1]) ? bounds[0].toString()
                    : blocks.size() == 1 ? blocks.get(0) : bounds[0] + "-" + bounds[1];
            assertThat(range).as("%s-%s", bounds[0], bounds[1]).hasToString(expected);
        }
    }

    /** The library's prefix blocks of the range, a single address without its length. */
    private static List<String> referenceBlocks(AddressRange range) {
        IPAddress first = new IPAddressString(range.first().toString()).getAddress();
        IPAddress last = new IPAddressString(range.last().toString()).getAddress();
        return Arrays.stream(first.spanWithRange(last).spanWithPrefixBlocks())
                .map(b -> b.getPrefixLength() == null || b.getPrefixLength() == b.getBitCount()
                        ? b.getLower().withoutPrefixLength().toCanonicalString()
                        : b.getLower().withoutPrefixLength().toCanonicalString() + "/" + b.getPrefixLength())
                .toList();
    }

    /** A random address, its words often with long runs of clear or set bits. */
    private static Address address(Random random, boolean v4) {
        long[] words = new long[2];
        for (int w = 0; w < 2; w++) {
            long word = random.nextLong();
            int low = random.nextInt(65);
            long mask = low == 64 ? -1L : (1L << low) - 1;
            words[w] = switch (random.nextInt(3)) {
                case 0 -> word & ~mask;
                case 1 -> word | mask;
                default -> word;
            };
        }
        return v4 ? Address.ipv4(words[1] & 0xFFFF_FFFFL) : Address.ipv6(words[0], words[1]);
    }
}
