package dev.ensemu.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.domain.EnsException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.CompositeBuffer;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestFramingTest {
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "chunked|ok", "CHUNKED|ok", "ChUnKeD|ok", " chunked |ok", ", chunked|ok", "chunked,|ok", "chunked, ,|ok",
        "gzip, chunked|501 gzip", "x-custom,chunked|501 x-custom", "gzip;level=1, chunked|501 gzip",
        "chunked, gzip|400", "identity|400", "xchunked|400", "chunked, chunked|400", "chunked;q=1|400",
        "'\"chunked\"'|400", "'  '|400", "chu nked|400", "gz(ip), chunked|400"})
    void transferCodings(String value, String expected) {
        if (expected.equals("ok")) {
            RequestFraming.checkTransferCodings(value);
            return;
        }
        assertThatThrownBy(() -> RequestFraming.checkTransferCodings(value)).isInstanceOfSatisfying(EnsException.class, refused -> {
            assertThat(refused.status()).isEqualTo(Integer.parseInt(expected.substring(0, 3)));
            if (expected.length() > 4) {
                assertThat(refused.getMessage()).contains(expected.substring(4));
            }
        });
    }

    @Test
    void theArrayAndTheBufferReadersAgreeOnEveryLine() {
        Random random = new Random(20261204);
        String alphabet = "Aa-:: \t\r\n\r\n\u0000\u007f\u0001\u00ffx";
        for (int n = 0; n < 100_000; n++) {
            StringBuilder line = new StringBuilder(random.nextBoolean() ? "X-Name: value" : "");
            for (int length = random.nextInt(12); length > 0; length--) {
                line.insert(random.nextInt(line.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] bytes = line.toString().getBytes(StandardCharsets.ISO_8859_1);
            assertThat(readBuffer(bytes)).as("%s", line.toString().replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(readArray(bytes));
        }
    }

    @Test
    void aLineIsReadOnlyWhenItAndTheByteAfterItHaveArrived() {
        byte[] line = "X-A: b\r\nY".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(RequestFraming.fieldLineEnd(line, 0, 7)).isEqualTo(RequestFraming.INCOMPLETE);
        assertThat(RequestFraming.fieldLineEnd(line, 0, 8)).isEqualTo(RequestFraming.INCOMPLETE);
        assertThat(RequestFraming.fieldLineEnd(line, 0, 9)).isEqualTo(8);
        assertThatThrownBy(() -> RequestFraming.fieldLineEnd("X-A: b\r\n\tc".getBytes(StandardCharsets.ISO_8859_1), 0, 10))
                .hasMessageContaining("folding");
    }

    private static String readArray(byte[] bytes) {
        try {
            return String.valueOf(RequestFraming.fieldLineEnd(bytes, 0, bytes.length));
        } catch (EnsException refused) {
            return refused.getMessage();
        }
    }

    /** The same bytes split over two buffers, as data that arrived in two reads is. */
    private static String readBuffer(byte[] bytes) {
        int split = bytes.length / 2;
        Buffer first = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, java.util.Arrays.copyOfRange(bytes, 0, split));
        Buffer second = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, java.util.Arrays.copyOfRange(bytes, split, bytes.length));
        CompositeBuffer both = CompositeBuffer.newBuffer(MemoryManager.DEFAULT_MEMORY_MANAGER, first, second);
        try {
            return String.valueOf(RequestFraming.fieldLineEnd(both, 0, both.limit()));
        } catch (EnsException refused) {
            return refused.getMessage();
        }
    }
}
