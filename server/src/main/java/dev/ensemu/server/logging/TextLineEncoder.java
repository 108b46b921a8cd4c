package dev.ensemu.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text format, {@code 2026-11-27T04:46:29.497Z INFO  access: message}, written by hand for the
 * same reason as {@link JsonLineEncoder}: a line per request is encoded on the request thread, and
 * Logback's pattern layout shortens logger names through a synchronized cache, on which worker
 * threads queue under load.
 */
public final class TextLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NOTHING = new byte[0];

    /** The formatted time up to the second, for the second it was made for. */
    private record Second(long epochSecond, String text) {}

    private final Map<String, String> shortNames = new ConcurrentHashMap<>();
    private volatile Second second = new Second(Long.MIN_VALUE, "");

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160);
        appendTime(line, event.getTimeStamp());
        String level = event.getLevel().toString();
        line.append(' ').append(level);
        for (int pad = level.length(); pad < 5; pad++) {
            line.append(' ');
        }
        line.append(' ').append(shortNames.computeIfAbsent(event.getLoggerName(), TextLineEncoder::afterLastDot))
                .append(": ").append(event.getFormattedMessage()).append('\n');
        if (event.getThrowableProxy() != null) {
            line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    private void appendTime(StringBuilder line, long epochMilli) {
        long epochSecond = Math.floorDiv(epochMilli, 1000);
        Second current = second;
        if (current.epochSecond() != epochSecond) {
            String text = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).toString();
            current = new Second(epochSecond, text.length() == 16 ? text + ":00" : text); // toString omits :00 seconds
            second = current;
        }
        int millis = (int) Math.floorMod(epochMilli, 1000);
        line.append(current.text()).append('.')
                .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10))
                .append('Z');
    }

    private static String afterLastDot(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
