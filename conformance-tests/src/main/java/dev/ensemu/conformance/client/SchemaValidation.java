package dev.ensemu.conformance.client;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Validates every answer against the OpenAPI document. Requests are not validated: checks send
 * invalid ones on purpose.
 */
public final class SchemaValidation {
    public static final String SPEC_RESOURCE = "/openapi/ens-2017-11-10.yaml";
    private static volatile OpenApiValidationFilter filter;

    private SchemaValidation() {}

    public static String specification() {
        try (InputStream in = SchemaValidation.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + SPEC_RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenApiValidationFilter filter() {
        if (filter == null) {
            synchronized (SchemaValidation.class) {
                if (filter == null) {
                    filter = new OpenApiValidationFilter(OpenApiInteractionValidator
                            .createForInlineApiSpecification(specification())
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                    .build())
                            .build());
                }
            }
        }
        return filter;
    }
}
