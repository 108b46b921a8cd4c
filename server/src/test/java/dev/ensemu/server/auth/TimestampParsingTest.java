package dev.ensemu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reading of SDK timestamps must accept and refuse exactly what {@code Instant.parse} does. */
class TimestampParsingTest {

    private static String outcome(java.util.function.Function<String, Instant> parse, String text) {
        try {
            return parse.apply(text).toString();
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }

    private static void sameAsInstantParse(String text) {
        assertThat(outcome(Authenticator::parseTimestamp, text)).as(text).isEqualTo(outcome(Instant::parse, text));
    }

    @Test
    void namedCasesAgree() {
        List.of("2026-11-29T10:00:00Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-04-00T00:00:00Z", "2026-11-29T24:00:00Z",
                "2026-11-29T23:59:60Z", "2026-11-29T23:60:00Z", "2026-11-29T10:00:00z", "2026-11-29 10:00:00Z",
                "2026-11-29T10:00:00.5Z", "2026-11-29T10:00:00+08:00", "0000-01-01T00:00:00Z", "2026-1a-29T10:00:00Z",
                "+2026-11-29T10:00Z", "2026-11-29T1:00:00Z ", "").forEach(TimestampParsingTest::sameAsInstantParse);
        assertThat(Authenticator.parseTimestamp("2026-11-29T10:00:00Z")).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    }

    @Test
    void randomTextsOfTheSdkShapeAgree() {
        Random random = new Random(7);
        String alphabet = "0123456789012345678901234567890123456789-:TZ x";
        for (int i = 0; i < 50_000; i++) {
            char[] text = "2026-11-29T10:00:00Z".toCharArray();
            for (int changes = random.nextInt(4); changes > 0; changes--) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            sameAsInstantParse(new String(text));
        }
    }
}
