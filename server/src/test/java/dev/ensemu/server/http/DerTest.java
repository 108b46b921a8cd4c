package dev.ensemu.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** DER against the encodings X.690 and RFC 5280 spell out byte by byte. */
class DerTest {
    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void objectIdentifiersUseBase128Arcs() {
        assertThat(hex(Der.oid("1.2.840.113549"))).isEqualTo("06062a864886f70d"); // X.690, 8.19.5's example arcs
        assertThat(hex(Der.oid("2.5.29.17"))).isEqualTo("0603551d11");
        assertThat(hex(Der.oid("1.2.840.10045.4.3.2"))).isEqualTo("06082a8648ce3d040302");
    }

    @Test
    void lengthsFromOneTwentyEightOnTakeTheLongForm() {
        assertThat(hex(Der.octets(new byte[127])).substring(0, 4)).isEqualTo("047f");
        assertThat(hex(Der.octets(new byte[200])).substring(0, 6)).isEqualTo("0481c8");
        assertThat(hex(Der.octets(new byte[300])).substring(0, 8)).isEqualTo("0482012c");
    }

    @Test
    void integersAreTwosComplementWithTheSignOctetWhenNeeded() {
        assertThat(hex(Der.integer(BigInteger.valueOf(2)))).isEqualTo("020102");
        assertThat(hex(Der.integer(BigInteger.valueOf(128)))).isEqualTo("02020080");
    }

    @Test
    void certificateTimesAreUtcTimeUntil2049AndGeneralizedTimeAfter() {
        assertThat(new String(Der.time(Instant.parse("2036-12-04T06:00:49Z")), 2, 13, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("361204060049Z");
        assertThat(Der.time(Instant.parse("2036-12-04T06:00:49Z"))[0]).isEqualTo((byte) 0x17);
        assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z"))[0]).isEqualTo((byte) 0x18);
        assertThat(new String(Der.time(Instant.parse("2050-01-01T00:00:00Z")), 2, 15, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("20500101000000Z");
    }

    @Test
    void keyUsageBitsDropTheirUnusedTrailingBits() {
        assertThat(hex(Der.bits(new byte[] {(byte) 0x84}, 2))).isEqualTo("03020284");
    }

    @Test
    void readingFindsTheChildrenOfASequenceAndRefusesWhatIsNotDer() {
        byte[] encoded = Der.sequence(Der.integer(BigInteger.ONE), Der.explicit(0, Der.oid("1.2.840.10045.3.1.7")));
        Der.Element sequence = Der.Element.read(encoded);

        assertThat(sequence.tag()).isEqualTo(Der.SEQUENCE);
        assertThat(sequence.children()).extracting(Der.Element::tag).containsExactly(0x02, 0xa0);
        assertThat(hex(sequence.children().get(1).children().get(0).encoded())).isEqualTo("06082a8648ce3d030107");
        assertThatThrownBy(() -> Der.Element.read(new byte[] {0x30, 0x05, 0x02})).hasMessage("truncated DER");
        assertThatThrownBy(() -> Der.Element.read(new byte[] {0x02, 0x01, 0x01, 0x00})).hasMessage("bytes after the DER element");
    }
}
