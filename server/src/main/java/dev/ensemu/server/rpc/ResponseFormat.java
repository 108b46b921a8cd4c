package dev.ensemu.server.rpc;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/** The answer format chosen by the {@code Format} parameter (never by Accept), JSON unless XML is asked for. */
public enum ResponseFormat {
    JSON(MediaType.valueOf("application/json;charset=utf-8")),
    // Exactly this spelling: tea V3 clients parse XML errors only for "text/xml;charset=utf-8".
    XML(MediaType.valueOf("text/xml;charset=utf-8"));

    private final MediaType mediaType;

    ResponseFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** Any letter case: clients send JSON, json and XML. Absent or empty means JSON. */
    public static ResponseFormat parse(String format) {
        if (format == null || format.isEmpty()) {
            return JSON;
        }
        return switch (format.toUpperCase(Locale.ROOT)) {
            case "JSON" -> JSON;
            case "XML" -> XML;
            default -> throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, "Format");
        };
    }
}
