package dev.ensemu.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectImageResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.DockerClientFactory;

/**
 * Both images build.sh makes start on the archive made inside them, or not at all: the default one
 * (on CI a JDK 25 runtime with an AOT cache, 110 MB budget) and the one from the build's JDK (what
 * machines without a JDK 25 get: a class-data-sharing archive, 100 MB). The option that requires the
 * archive ({@code -XX:AOTMode=on}, {@code -Xshare:on}) stops the JVM when it cannot be used.
 */
class StartupArchiveIT {
    private static final String DEFAULT_IMAGE = System.getProperty("ensemu.image", "localhost/ensemu:latest");

    @ParameterizedTest
    @ValueSource(strings = {"default", "localhost/ensemu:build-jdk"})
    void theImageStartsOnItsOwnArchiveWithinItsBudgetAndServesTheSdk(String name) throws Exception {
        String image = name.equals("default") ? DEFAULT_IMAGE : name;
        InspectImageResponse inspected = DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        String entrypoint = String.join(" ", inspected.getConfig().getEntrypoint());
        boolean aotCache = entrypoint.contains("-XX:AOTCache=/app/ensemu.aot");
        assertThat(aotCache || entrypoint.contains("-XX:SharedArchiveFile=/app/ensemu.jsa")).as(entrypoint).isTrue();
        assertThat(inspected.getSize()).as("bytes").isLessThanOrEqualTo(aotCache ? 110_000_000L : 100_000_000L);

        String required = aotCache ? "-XX:AOTMode=on -Xlog:aot=info" : "-Xshare:on -Xlog:cds=info";
        try (EnsemuContainer ens = new EnsemuContainer(image).withEnv("JAVA_TOOL_OPTIONS", required)) {
            ens.start();
            assertThat(ens.getLogs()).contains(aotCache ? "Using AOT-linked classes: true" : "Opened archive /app/ensemu.jsa");
            String page = EnsCalls.describeExportImageInfo(ens, ProtocolType.HTTP, MethodType.POST, "PageSize", "3").getData();
            assertThat(new ObjectMapper().readTree(page).path("Images").path("Image").size()).isEqualTo(3);
        }
    }
}
