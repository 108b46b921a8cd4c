package dev.ensemu.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.CommonResponse;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/** What the image promises: its shape, its health check, a clean stop, its volume, its environment. */
class ImageIT {
    private static final String IMAGE = System.getProperty("ensemu.image", "localhost/ensemu:latest");
    private final DockerClient docker = DockerClientFactory.instance().client();

    @Test
    void theImageRunsAsAUserAndDescribesItself() { // its size: StartupArchiveIT
        InspectImageResponse image = docker.inspectImageCmd(IMAGE).exec();

        assertThat(image.getConfig().getUser()).isEqualTo("10001:10001");
        assertThat(image.getConfig().getEnv()).contains("JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1");
        assertThat(image.getConfig().getExposedPorts()).contains(ExposedPort.tcp(8080), ExposedPort.tcp(8443));
        assertThat(image.getConfig().getVolumes()).containsKey("/data");
        assertThat(image.getConfig().getLabels()).containsKeys("org.opencontainers.image.version",
                "org.opencontainers.image.revision", "org.opencontainers.image.source");
        assertThat(image.getConfig().getLabels().get("org.opencontainers.image.revision")).matches("[0-9a-f]{40}");
    }

    @Test
    void theProcessRunsAsTheUnprivilegedUserAndTheHealthCheckSaysUp() throws Exception {
        try (EnsemuContainer ens = new EnsemuContainer(IMAGE)) {
            ens.start();
            ExecResult properties = ens.execInContainer("/opt/java/bin/java", "-XshowSettings:properties", "-version");
            assertThat(properties.getStderr()).contains("user.name = ensemu");

            // The image's own HEALTHCHECK command, run as the container engine runs it. Podman's
            // Docker-compatible API leaves health checks out of the image's configuration: ask podman.
            JsonNode healthCheck = new ObjectMapper().readTree(podman("image", "inspect", "--format", "{{json .HealthCheck}}", IMAGE))
                    .path("Test");
            assertThat(healthCheck.path(0).asText()).isEqualTo("CMD");
            List<String> command = new ArrayList<>();
            healthCheck.forEach(word -> command.add(word.asText()));
            ExecResult health = ens.execInContainer(command.subList(1, command.size()).toArray(String[]::new));
            assertThat(health.getExitCode()).isZero();
            assertThat(health.getStdout()).contains("is UP");
        }
    }

    @Test
    void sigtermFinishesTheRequestInFlightAndExitsZero() throws Exception {
        try (EnsemuContainer ens = new EnsemuContainer(IMAGE)) {
            ens.start();
            assertThat(EnsCalls.control(ens, "POST", "/_emulator/faults", "{\"latencyMillis\":3000,\"times\":1}").statusCode()).isEqualTo(201);
            CompletableFuture<CommonResponse> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return EnsCalls.describeExportImageInfo(ens, ProtocolType.HTTP, MethodType.GET);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);

            docker.stopContainerCmd(ens.getContainerId()).withTimeout(30).exec();

            assertThat(inFlight.get(10, TimeUnit.SECONDS).getHttpStatus()).isEqualTo(200);
            assertThat(docker.inspectContainerCmd(ens.getContainerId()).exec().getState().getExitCodeLong()).isZero();
        }
    }

    @Test
    void theDataVolumeKeepsImagesAcrossContainers() throws Exception {
        String volume = "ensemu-it-data-" + System.nanoTime();
        try {
            try (EnsemuContainer before = persistent(volume)) {
                before.start();
                assertThat(EnsCalls.control(before, "POST", "/_emulator/accounts/1000000000000001/images", EnsCalls.image("m-kept")).statusCode())
                        .isEqualTo(201);
            }
            try (EnsemuContainer after = persistent(volume)) {
                after.start();
                assertThat(EnsCalls.describeExportImageInfo(after, ProtocolType.HTTP, MethodType.GET, "ImageId", "m-kept").getData())
                        .contains("\"TotalCount\":1");
            }
        } finally {
            docker.removeVolumeCmd(volume).exec();
        }
    }

    private static EnsemuContainer persistent(String volume) {
        return new EnsemuContainer(IMAGE).withEnv("ENSEMU_DATA_DIR", "/data")
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withBinds(new Bind(volume, new Volume("/data"))));
    }

    @Test
    void theAdminTokenCanComeFromASecretFile() throws Exception {
        try (GenericContainer<?> ens = new GenericContainer<>(IMAGE).withExposedPorts(EnsemuContainer.HTTP_PORT)
                .withCopyToContainer(Transferable.of("from-a-file\n"), "/run/secrets/token")
                .withEnv("ENSEMU_ADMIN_TOKEN_FILE", "/run/secrets/token")
                .waitingFor(Wait.forHttp("/_emulator/health"))) {
            ens.start();
            URI reset = URI.create("http://" + ens.getHost() + ":" + ens.getMappedPort(EnsemuContainer.HTTP_PORT) + "/_emulator/reset");

            // The file's content without its trailing line break is the token.
            assertThat(post(reset, "from-a-file")).isEqualTo(204);
            assertThat(post(reset, "another-token")).isEqualTo(401);
        }
    }

    private static int post(URI uri, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aBadVariableStopsTheContainerWithTheFlagsMessageAndExitCode() {
        Exit fromVariable = run(List.of("ENSEMU_PORT=eighty"));
        Exit fromFlag = run(List.of(), "--port", "eighty");

        assertThat(fromVariable.status()).isEqualTo(2);
        assertThat(fromVariable.lastLine()).startsWith("ensemu: ").contains("--port").contains("eighty");
        assertThat(fromVariable).isEqualTo(fromFlag);
    }

    private record Exit(int status, String lastLine) {}

    private Exit run(List<String> environment, String... arguments) {
        String id = docker.createContainerCmd(IMAGE).withEnv(environment).withCmd(arguments).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int status = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(60, TimeUnit.SECONDS);
            String log = logs(id).strip();
            return new Exit(status, log.substring(log.lastIndexOf('\n') + 1));
        } finally {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        }
    }

    private static String podman(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("podman %s: %s", arguments, output).isZero();
        return output;
    }

    private String logs(String id) {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text.toString();
    }
}
