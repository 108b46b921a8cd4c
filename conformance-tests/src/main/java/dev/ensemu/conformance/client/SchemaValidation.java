package dev.ensemu.conformance.client;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates every answer against the OpenAPI document. Requests are not validated: checks send
 * invalid ones on purpose. Every RPC operation is on {@code /} on the wire, by GET or POST, while the
 * document keys each {@code /?Action=<Name>&...} as a POST, so each operation's answers are validated
 * with a view of the document in which its key is {@code /}, its POST also served as GET.
 */
public final class SchemaValidation {
    public static final String SPEC_RESOURCE = "/openapi/ens-2017-11-10.yaml";
    private static final Map<String, OpenApiValidationFilter> FILTERS = new ConcurrentHashMap<>();

    private SchemaValidation() {}

    /**
     * {@code ens.document} (runner: {@code --document FILE}): the OpenAPI document to hold the target to
     * instead of the suite's own, e.g. one that adds operations to ENS's.
     */
    public static final String DOCUMENT_PROPERTY = "ens.document";

    /** Where the document comes from: the file {@code ens.document} names, else the suite's own. */
    static String source() {
        String file = System.getProperty(DOCUMENT_PROPERTY);
        return file == null || file.isBlank() ? SPEC_RESOURCE : file;
    }

    public static String specification() {
        String source = source();
        if (!source.equals(SPEC_RESOURCE)) {
            try {
                return Files.readString(Path.of(source), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("the OpenAPI document " + source + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        try (InputStream in = SchemaValidation.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + SPEC_RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the filters made from a document read before (the document changed). */
    static void forget() {
        FILTERS.clear();
    }

    /**
     * The filter for answers to {@code action}; an Action the document does not have (the checks
     * send some on purpose) is validated as the first operation: its errors share the envelope.
     */
    static OpenApiValidationFilter filterFor(String action) {
        Document document = Document.get();
        String known = document.actions().contains(action) ? action : document.actions().get(0);
        return FILTERS.computeIfAbsent(known, SchemaValidation::build);
    }

    private static OpenApiValidationFilter build(String action) {
        ObjectNode view = Document.get().tree().deepCopy();
        ObjectNode paths = view.putObject("paths");
        ObjectNode item = Document.get().tree().path("paths").path(Document.get().pathKey(action)).deepCopy();
        ObjectNode get = item.path("post").deepCopy();
        get.remove("requestBody");
        get.put("operationId", action + "Get");
        item.set("get", get);
        paths.set("/", item);
        return new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForInlineApiSpecification(view.toString())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build());
    }
}
