package dev.ensemu.server.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.ensemu.api.model.ErrorResponse;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the generated answer models as ENS does: JSON with raw UTF-8 (never {@code \\uXXXX},
 * which one official client mangles), or XML rooted at the operation's root element (e.g.
 * {@code <DescribeExportImageInfoResponse>}) or {@code <Error>}, with lists as repeated elements.
 */
@Produces({"application/json", "text/xml"})
public final class EnsBodyWriter implements MessageBodyWriter<Object> {
    private static final byte[] XML_DECLARATION =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(StandardCharsets.US_ASCII);
    private final ObjectWriter json;
    /** By answer model: the operations' answers and the error envelope. */
    private final Map<Class<?>, ObjectWriter> xml = new HashMap<>();

    /** @param operations whose answers it writes as XML (errors always) */
    public EnsBodyWriter(List<Operation> operations) {
        // Jersey owns the entity stream and closes it; the writers must leave it open.
        // Blackbird: property access through generated lambdas instead of reflection, on every answer.
        ObjectMapper jsonMapper = JsonMapper.builder()
                .addModule(new BlackbirdModule())
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                // The control plane's optional fields are left out rather than written as null.
                .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .build();
        XmlMapper xmlMapper = XmlMapper.builder()
                .addModule(new BlackbirdModule())
                .defaultUseWrapper(false)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .build();
        this.json = jsonMapper.writer();
        operations.forEach(operation -> xml.put(operation.answer(), xmlMapper.writer().withRootName(operation.xmlRoot())));
        xml.put(ErrorResponse.class, xmlMapper.writer().withRootName("Error"));
    }

    /** The entity as JSON bytes, for answers written outside Jersey. */
    public byte[] jsonBytes(Object entity) {
        try {
            return json.writeValueAsBytes(entity);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + entity.getClass().getSimpleName(), e);
        }
    }

    /** ENS answers in JSON or XML; the control plane's models (and lists of them) in JSON. */
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return xml.containsKey(type) || "json".equals(mediaType.getSubtype());
    }

    @Override
    public void writeTo(Object entity, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException, WebApplicationException {
        if ("xml".equals(mediaType.getSubtype())) {
            // Written by hand: the XML writer would quote the declaration with ' where ENS uses ".
            out.write(XML_DECLARATION);
            xml.get(type).writeValue(out, entity);
        } else {
            json.writeValue(out, entity);
        }
    }
}
