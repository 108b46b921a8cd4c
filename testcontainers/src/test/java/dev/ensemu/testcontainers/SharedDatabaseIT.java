package dev.ensemu.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Two ensemu containers on one PostgreSQL (Debian's, in its own locally built image) on a container
 * network: what one is told, the other serves.
 */
class SharedDatabaseIT {
    private static final String IMAGE = System.getProperty("ensemu.image", "localhost/ensemu:latest");
    private static final String TOKEN = "shared-it";

    private static final Network network = Network.newNetwork();
    private static final GenericContainer<?> postgres = new GenericContainer<>("localhost/debian-postgres:15")
            .withNetwork(network).withNetworkAliases("db")
            .withEnv("POSTGRES_USER", "ensemu").withEnv("POSTGRES_PASSWORD", "ensemu-it")
            .withExposedPorts(5432)
            .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 1));
    private static final EnsemuContainer first = instance();
    private static final EnsemuContainer second = instance();

    private static EnsemuContainer instance() {
        return new EnsemuContainer(IMAGE).withNetwork(network).withAdminToken(TOKEN)
                .withDatabase("postgresql://ensemu:ensemu-it@db:5432/ensemu");
    }

    @BeforeAll
    static void start() {
        postgres.start();
        first.start();
        second.start();
    }

    @AfterAll
    static void stop() {
        second.stop();
        first.stop();
        postgres.stop();
        network.close();
    }

    @Test
    void anImageAddedOnOneInstanceIsServedByTheOtherAndAResetOnEitherClearsItForBoth() throws Exception {
        assertThat(EnsCalls.control(first, "POST", "/_emulator/accounts/1000000000000001/images", EnsCalls.image("m-sharedit")).statusCode())
                .isEqualTo(201);

        assertThat(totalCount(second, "m-sharedit")).isEqualTo(1);
        assertThat(EnsCalls.control(second, "GET", "/_emulator/health", null).body()).contains("\"storage\":\"postgresql\"");

        second.reset();

        assertThat(totalCount(first, "m-sharedit")).isZero();
    }

    private static int totalCount(EnsemuContainer ens, String imageId) throws Exception {
        return new ObjectMapper().readTree(EnsCalls.describeExportImageInfo(ens, ProtocolType.HTTP, MethodType.GET, "ImageId", imageId)
                .getData()).path("TotalCount").asInt();
    }
}
