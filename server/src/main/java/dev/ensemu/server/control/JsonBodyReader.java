package dev.ensemu.server.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.stream.Collectors;

/** Reads control-plane JSON bodies into the generated models; a bad body names the field that is wrong. */
@Consumes("application/json")
public final class JsonBodyReader implements MessageBodyReader<Object> {
    private static final int MAX_BODY_BYTES = 16 << 20;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.getName().startsWith("dev.ensemu.api.control.model.") || java.util.List.class.isAssignableFrom(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) { // the client stalled or went away mid-body: its mistake, not ours
            throw invalid("body: could not be read completely (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw invalid("body: larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw invalid("body: a JSON document is required");
        }
        try {
            return json.readValue(bytes, json.constructType(genericType));
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            // Enum and format errors carry the plain reason ("Unexpected value 'me'") in their cause.
            String reason = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getOriginalMessage().lines().findFirst().orElse("");
            throw invalid((field.isEmpty() ? "body" : field) + ": " + reason);
        } catch (JsonProcessingException e) {
            throw invalid("body: not well-formed JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static ControlPlaneException invalid(String message) {
        return new ControlPlaneException(ControlPlaneException.Kind.INVALID_FIELD, message);
    }
}
