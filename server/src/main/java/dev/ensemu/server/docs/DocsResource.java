package dev.ensemu.server.docs;

import dev.ensemu.api.control.DocumentationApi;
import dev.ensemu.server.control.ControlPlaneException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API reference page (Swagger UI from its webjar, bundled in the jar) and the raw OpenAPI
 * documents it renders. Files are read from the class path once and kept.
 */
@Path("/")
@Singleton
public final class DocsResource implements DocumentationApi {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "swagger-ui.css", "text/css;charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript;charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript;charset=utf-8",
            "favicon-32x32.png", "image/png");
    private static final Map<String, String> DOCUMENTS = Map.of(
            "ens-2017-11-10.yaml", "openapi/ens-2017-11-10.yaml",
            "emulator-control.yaml", "openapi/emulator-control.yaml");
    private static final CacheControl ONE_DAY = CacheControl.valueOf("public, max-age=86400");

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final String swaggerUiVersion = webjarVersion();

    @Override
    public Response getDocsPage() {
        return Response.ok(file("dev/ensemu/server/docs/index.html"), "text/html;charset=utf-8").build();
    }

    @Override
    public Response getDocsAsset(String asset) {
        String type = ASSET_TYPES.get(asset);
        if (type == null) {
            throw new ControlPlaneException(ControlPlaneException.Kind.NOT_FOUND, "no documentation file " + asset);
        }
        return Response.ok(file(WEBJAR + swaggerUiVersion + "/" + asset), type).cacheControl(ONE_DAY).build();
    }

    @Override
    public Response getOpenApiDocument(String document) {
        String resource = DOCUMENTS.get(document);
        if (resource == null) {
            throw new ControlPlaneException(ControlPlaneException.Kind.NOT_FOUND,
                    "no OpenAPI document " + document + " (there are " + String.join(" and ", DOCUMENTS.keySet()) + ")");
        }
        return Response.ok(file(resource), "application/yaml;charset=utf-8").build();
    }

    private byte[] file(String resource) {
        return files.computeIfAbsent(resource, DocsResource::read);
    }

    private static byte[] read(String resource) {
        try (InputStream in = DocsResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path (a broken build)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The webjar names its folder after its version; its Maven properties say which.
    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = DocsResource.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path (a broken build)");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
