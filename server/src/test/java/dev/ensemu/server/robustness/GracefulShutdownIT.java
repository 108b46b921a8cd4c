package dev.ensemu.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.support.PackagedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM under load: requests already accepted are answered, then the process exits 0. */
class GracefulShutdownIT {
    @Test
    void sigtermFinishesAcceptedRequestsAndExitsZero() throws Exception {
        try (PackagedServer server = PackagedServer.start(List.of(), "--port", "0", "--auth", "anonymous", "--admin-token", "g",
                "--shutdown-grace-seconds", "10")) {
            URI base = server.baseUri();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // Every call is slowed by a fault so that many are in flight when SIGTERM arrives.
            HttpResponse<String> fault = client.send(HttpRequest.newBuilder(base.resolve("/_emulator/faults"))
                    .header("Authorization", "Bearer g").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"latencyMillis\":1500,\"probability\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fault.statusCode()).isEqualTo(201);

            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                inFlight.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/?Action=DescribeExportImageInfo&Version=2017-11-10"))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(500); // all accepted and waiting in the fault
            server.terminate();

            for (CompletableFuture<HttpResponse<String>> call : inFlight) {
                assertThat(call.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            assertThat(server.exitCode(20)).isZero();
        }
    }
}
