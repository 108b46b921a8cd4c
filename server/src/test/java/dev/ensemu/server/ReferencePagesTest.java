package dev.ensemu.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The server's reference pages under docs/reference/ are generated from their single definitions
 * (the command line's declarations, the control plane's OpenAPI document): the build fails when a
 * committed page differs from what the code says. {@code -Dreference.write=true} rewrites them.
 */
class ReferencePagesTest {
    private static final Path REFERENCE = Path.of("..", "docs", "reference");
    private static final String REWRITE = "mvn -pl server test -Dtest=ReferencePagesTest -Dreference.write=true";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head");

    @Test
    void theOptionsTableIsTheCommandLinesOwn() throws IOException {
        StringBuilder page = header("Server options", "the declarations of `server/src/main/java/dev/ensemu/server/ServerCommand.java`");
        page.append("`java -jar server/target/ensemu-server.jar [options]`. Each option can also come from its environment\n")
                .append("variable (flags win); a secret also from a file, `ENSEMU_<NAME>_FILE`. A bad value is a one-line message\n")
                .append("and exit code 2.\n\n| option | value | environment | default | what it does |\n| --- | --- | --- | --- | --- |\n");
        for (OptionSpec option : ServerCommand.declarations().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName();
            boolean flag = option.arity().max() == 0;
            String variableName = ServerCommand.environmentVariable(name);
            // The help line ends with the variable and the default, which have their own columns here.
            String description = String.join(" ", option.description()).replaceFirst(" \\(" + variableName + "[^)]*\\)$", "");
            // Every value option reads its variable; a flag only where it says so (--no-admin), not --version or --self-test.
            String environment = !flag ? "`" + variableName + "`" : readsVariable(option) ? "`" + variableName + "=true`" : "";
            page.append("| `").append(name).append("` | ").append(flag ? "" : "`" + option.paramLabel() + "`")
                    .append(" | ").append(environment).append(" | ").append(option.defaultValue() == null ? "" : "`" + option.defaultValue() + "`")
                    .append(" | ").append(cell(description)).append(" |\n");
        }
        assertPage("server-options.md", page);
    }

    @Test
    void theEndpointTableIsTheControlPlanesDocument() throws IOException {
        JsonNode document;
        try (InputStream in = ReferencePagesTest.class.getResourceAsStream("/openapi/emulator-control.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        StringBuilder page = header("Control-plane endpoints", "`api/src/main/resources/openapi/emulator-control.yaml`");
        page.append("Outside the ENS contract, never signature-checked; a bearer token (`--admin-token`) guards every endpoint\n")
                .append("but health, metrics, the docs and the documents. The full document is served at `/_emulator/docs`.\n\n")
                .append("| method | path | what it does |\n| --- | --- | --- |\n");
        for (Map.Entry<String, JsonNode> path : (Iterable<Map.Entry<String, JsonNode>>) document.path("paths")::fields) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (!operation.isMissingNode()) {
                    page.append("| ").append(method.toUpperCase()).append(" | `").append(path.getKey()).append("` | ")
                            .append(cell(operation.path("summary").asText())).append(" |\n");
                }
            }
        }
        assertPage("control-plane-endpoints.md", page);
    }

    /** Whether a flag is also read from its variable: its help line says so. */
    private static boolean readsVariable(OptionSpec option) {
        return String.join(" ", option.description()).contains(ServerCommand.environmentVariable(option.longestName()));
    }

    private static StringBuilder header(String title, String source) {
        return new StringBuilder("<!-- Generated from ").append(source).append(" by ReferencePagesTest: do not edit; ")
                .append(REWRITE).append(" -->\n# ").append(title).append("\n\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").strip();
    }

    private static void assertPage(String name, CharSequence generated) throws IOException {
        Path file = REFERENCE.resolve(name);
        if (Boolean.getBoolean("reference.write")) {
            Files.createDirectories(REFERENCE);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "")
                .as("docs/reference/%s differs from what the code generates: %s", name, REWRITE).isEqualTo(generated.toString());
    }
}
