package dev.ensemu.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The JDK 25 image (container/build.sh --aot, built by this module's build where a JDK 25 is found):
 * it starts on its AOT cache, or not at all (-XX:AOTMode=on refuses to start without it), and serves
 * the official SDK like the default image.
 */
class AotImageIT {
    private static final String IMAGE = System.getProperty("ensemu.aotImage", "localhost/ensemu:aot");
    private final DockerClient docker = DockerClientFactory.instance().client();

    @BeforeEach
    void onlyWhereAJdk25BuiltIt() {
        // build.sh --aot builds this image only where it finds a JDK 25 (CI's machines have one); elsewhere it
        // builds the default image and says so, and there is no AOT image to test.
        Assumptions.assumeTrue(docker.listImagesCmd().withImageNameFilter(IMAGE).exec().size() > 0,
                IMAGE + " was not built: no JDK 25 on this machine");
    }

    @Test
    void theImageRunsOnJdk25AsAUserWithinItsBudget() {
        InspectImageResponse image = docker.inspectImageCmd(IMAGE).exec();

        assertThat(image.getSize()).isLessThanOrEqualTo(140_000_000L);
        assertThat(image.getConfig().getUser()).isEqualTo("10001:10001");
        assertThat(String.join(" ", image.getConfig().getEntrypoint())).contains("-XX:AOTCache=/app/ensemu.aot");
    }

    @Test
    void itStartsOnItsAotCacheAndServesTheSdk() throws Exception {
        try (EnsemuContainer ens = new EnsemuContainer(IMAGE).withEnv("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on -Xlog:aot=info")) {
            ens.start();
            assertThat(ens.getLogs()).contains("Using AOT-linked classes: true");
            String page = EnsCalls.describeExportImageInfo(ens, ProtocolType.HTTP, MethodType.POST, "PageSize", "3").getData();
            assertThat(new ObjectMapper().readTree(page).path("Images").path("Image").size()).isEqualTo(3);
        }
    }
}
