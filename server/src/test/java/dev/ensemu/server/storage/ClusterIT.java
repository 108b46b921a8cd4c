package dev.ensemu.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.EnsCalls;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.PackagedServer;
import dev.ensemu.server.support.MalformedFramings;
import dev.ensemu.server.support.PostgresServer;
import dev.ensemu.server.support.RawHttp;
import dev.ensemu.server.support.V1Requests;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgreSQL, three processes of the packaged jar on it, and Debian's HAProxy in front with the
 * committed example configuration ({@code examples/cluster/haproxy.cfg}): the official SDKs
 * through the balancer, consistency between instances, and what happens when an instance or the
 * database goes away under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String TOKEN = "cluster";
    private static final String IMAGES = "/accounts/1000000000000001/images";
    private static final Path EXAMPLE = Path.of("..", "examples", "cluster", "haproxy.cfg");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static PostgresServer postgres;
    private static final int[] ports = new int[3];
    private static final PackagedServer[] instances = new PackagedServer[3];
    private static Process haproxy;
    private static URI balancer;
    private static URI stats;
    private static final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = PostgresServer.start();
        for (int i = 0; i < 3; i++) {
            ports[i] = freePort();
            instances[i] = startInstance(i);
        }
        int front = freePort();
        int statsPort = freePort();
        String config = Files.readString(EXAMPLE).replace("127.0.0.1:8080", "127.0.0.1:" + front)
                .replace("127.0.0.1:8081", "127.0.0.1:" + ports[0]).replace("127.0.0.1:8082", "127.0.0.1:" + ports[1])
                .replace("127.0.0.1:8083", "127.0.0.1:" + ports[2]).replace("127.0.0.1:8404", "127.0.0.1:" + statsPort);
        Path file = Files.createTempFile("ensemu-haproxy", ".cfg");
        Files.writeString(file, config);
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("ensemu-haproxy", ".log").toFile()).start();
        balancer = URI.create("http://127.0.0.1:" + front + "/");
        stats = URI.create("http://127.0.0.1:" + statsPort + "/stats;csv");
        awaitStatus(List.of("ensemu1", "ensemu2", "ensemu3"), "UP", Duration.ofSeconds(20));
    }

    private static PackagedServer startInstance(int i) throws IOException {
        return PackagedServer.start(List.of("-Xmx256m"), "--port", String.valueOf(ports[i]), "--database", postgres.databaseUrl(),
                "--admin-token", TOKEN, "--log-level", "warn");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (haproxy != null) {
            haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (PackagedServer instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static URI instance(int i) {
        return URI.create("http://127.0.0.1:" + ports[i] + "/");
    }

    /** A signed DescribeExportImageInfo call to {@code base}; null when the connection failed. */
    private static HttpResponse<String> describe(URI base, Map<String, String> api) {
        Map<String, String> signed = V1Requests.signed("GET", api, DevSeed.KEY_ID, DevSeed.SECRET, Instant.now());
        return send(base, signed);
    }

    private static HttpResponse<String> send(URI base, Map<String, String> signed) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(base.resolve("/?" + V1Requests.toQuery(signed))).timeout(Duration.ofSeconds(15))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String code(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body()).path("Code").asText();
        } catch (IOException e) {
            return "not JSON: " + answer.body();
        }
    }

    /** HAProxy's own view of each instance (its statistics page as CSV). */
    private static String status(String server) throws Exception {
        String csv = CLIENT.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().replaceFirst("^# ", "").split(","));
        int column = header.indexOf("status");
        return csv.lines().map(l -> l.split(",", -1)).filter(f -> f.length > column && f[1].equals(server)).map(f -> f[column])
                .findFirst().orElseThrow();
    }

    private static Instant awaitStatus(List<String> servers, String wanted, Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            boolean all = true;
            try {
                for (String server : servers) {
                    all &= status(server).startsWith(wanted);
                }
            } catch (IOException notListeningYet) {
                all = false;
            }
            if (all) {
                return Instant.now();
            }
            assertThat(Instant.now()).as("HAProxy sees %s as %s", servers, wanted).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * The smuggling table through the example balancer. HAProxy refuses some framings itself and
     * forwards others normalised (e.g. Content-Length dropped for chunked), so a canary may be
     * served; what must hold is that the balancer and the instances agree on every request: each
     * call an instance served was answered on the connection that sent it, none was served twice,
     * and the instances stay healthy.
     */
    @Test
    @Order(0)
    void noMalformedFramingSmugglesARequestPastTheBalancer() throws Exception {
        assertThat(new Admin(instance(0), TOKEN).post("/reset", "").status()).isEqualTo(204);
        List<MalformedFramings.Framing> table = MalformedFramings.all();
        Map<String, Set<String>> answeredByCanary = new ConcurrentHashMap<>();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                MalformedFramings.Framing framing = table.get(i);
                String canary = "canary-" + i;
                runs.add(clients.submit(() -> {
                    List<RawHttp.Response> answers = new ArrayList<>();
                    try (RawHttp connection = new RawHttp(balancer)) {
                        byte[] malformed = framing.wire("/?Action=DescribeExportImageInfo&Version=2017-11-10", "");
                        byte[] both = Arrays.copyOf(malformed, malformed.length + MalformedFramings.canary(canary).length);
                        System.arraycopy(MalformedFramings.canary(canary), 0, both, malformed.length, MalformedFramings.canary(canary).length);
                        connection.send(both);
                        connection.readUntilClosed(answers, 2_000);
                    }
                    Set<String> ids = answers.stream().map(answer -> answer.header("x-acs-request-id")).filter(Objects::nonNull)
                            .collect(Collectors.toSet());
                    answeredByCanary.put(canary, ids);
                    answered.addAll(ids);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        Thread.sleep(1_500); // the shared journal is written every 500 ms

        JsonNode journal = new Admin(instance(0), TOKEN).get("/journal?limit=1000").json();
        long refusedByInstances = 0;
        long canariesServed = 0;
        Set<String> served = new java.util.HashSet<>();
        for (JsonNode entry : journal) {
            String requestId = entry.path("requestId").asText();
            assertThat(served.add(requestId)).as("served once: %s", entry).isTrue();
            String imageId = entry.path("parameters").path("ImageId").asText(null);
            if (imageId != null && imageId.startsWith("canary-")) {
                assertThat(answeredByCanary.get(imageId)).as("a served canary is answered to its own client: %s", entry)
                        .contains(requestId);
                canariesServed++;
            } else {
                refusedByInstances += entry.path("code").asText().equals("BadRequest") ? 1 : 0;
                assertThat(answered).as("every call served was answered to a client: %s", entry).contains(requestId);
            }
        }
        // HAProxy refuses most of the table itself; what it forwards must reach the instances' own rules.
        assertThat(refusedByInstances).as("framings the instances refused").isPositive();
        System.out.printf("smuggling table through HAProxy: %d framings, %d refused by the instances, %d canaries served (each to its own client)%n",
                table.size(), refusedByInstances, canariesServed);
        awaitStatus(List.of("ensemu1", "ensemu2", "ensemu3"), "UP", Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            assertThat(CLIENT.send(HttpRequest.newBuilder(instance(i).resolve("/_emulator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("instance %d healthy", i).isEqualTo(200);
        }
    }

    @Test
    @Order(1)
    void theOfficialJavaSdksWorkThroughTheBalancer() throws Exception {
        String endpoint = balancer.getHost() + ":" + balancer.getPort();
        for (int i = 0; i < 3; i++) { // round robin: each call may meet another instance
            Config config = new Config().setAccessKeyId(DevSeed.KEY_ID).setAccessKeySecret(DevSeed.SECRET).setEndpoint(endpoint)
                    .setProtocol("HTTP");
            OpenApiRequest request = new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(Map.of("PageSize", "5")));
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) new com.aliyun.teaopenapi.Client(config)
                    .callApi(EnsCalls.teaParams(), request, new RuntimeOptions()).get("body");
            assertThat(((Number) body.get("TotalCount")).intValue()).isEqualTo(DevSeed.IMAGE_COUNT);

            DefaultAcsClient core = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", DevSeed.KEY_ID, DevSeed.SECRET));
            var common = EnsCalls.commonRequest(endpoint, ProtocolType.HTTP, MethodType.GET);
            common.putQueryParameter("PageSize", "5");
            CommonResponse response = core.getCommonResponse(common);
            assertThat(JSON.readTree(response.getData()).path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
        }
    }

    @Test
    @Order(2)
    void twoHundredWritesOnOneInstanceAreEachReadAtOnceOnAnother() {
        for (int i = 0; i < 200; i++) {
            String id = "m-pair-" + i;
            Http.Answer added = new Admin(instance(i % 3), TOKEN).post(IMAGES, Admin.image(id, "pair", "2030-01-01T00:00:00Z", "Unexported"));
            assertThat(added.status()).isEqualTo(201);
            acknowledged.add(id);
            HttpResponse<String> read = describe(instance((i + 1) % 3), Map.of("ImageId", id));
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).as("pair %d: written on %d, read on %d", i, i % 3, (i + 1) % 3).contains("\"TotalCount\":1");
        }
    }

    @Test
    @Order(3)
    void aNonceIsUsedOnceAcrossTheCluster() {
        Map<String, String> signed = V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now());
        assertThat(send(instance(0), signed).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = send(instance(2), signed);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(code(replay)).isEqualTo("SignatureNonceUsed");
    }

    @Test
    @Order(4)
    void aFaultSetOnOneInstanceFiresOnAnother() {
        assertThat(new Admin(instance(1), TOKEN).post("/faults", "{\"code\":\"Throttling.User\",\"times\":1}").status()).isEqualTo(201);
        HttpResponse<String> faulted = describe(instance(2), Map.of());
        assertThat(code(faulted)).isEqualTo("Throttling.User");
        assertThat(describe(instance(0), Map.of()).statusCode()).as("it fired once, cluster-wide").isEqualTo(200);
    }

    /**
     * An export started on one instance is Exporting on every instance at once; the instance that
     * started it is killed; the others show it Exported, with the URL ExportImage promised, after
     * the export duration; and it ended exactly once: one change in the shared log put it there.
     */
    @Test
    @Order(4)
    void anExportStartedOnAKilledInstanceEndsOnceOnTheOthers() throws Exception {
        Map<String, String> export = Map.of("Action", "ExportImage", "ImageId", "m-dev0001", "OSSBucket", "cluster-exports",
                "OSSRegionId", "cn-beijing", "OSSPrefix", "once/");
        HttpResponse<String> started = send(instance(0), V1Requests.signed("GET", export, DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String promised = JSON.readTree(started.body()).path("ExportedImageURL").asText();
        assertThat(promised).isEqualTo("https://cluster-exports.oss-cn-beijing.aliyuncs.com/once/m-dev0001.qcow2");
        for (int i = 1; i < 3; i++) {
            assertThat(exportStatus(instance(i))).as("seen at once on instance %d", i).isEqualTo("Exporting");
        }
        HttpResponse<String> again = send(instance(2), V1Requests.signed("GET", export, DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()));
        assertThat(code(again)).as("one export per image, cluster-wide").isEqualTo("IncorrectImageStatus");

        instances[0].kill();
        Thread.sleep(2_500); // the instances' export duration is the default, 2 s
        for (int i = 1; i < 3; i++) {
            assertThat(exportStatus(instance(i))).isEqualTo("Exported");
            JsonNode listed = JSON.readTree(describe(instance(i), Map.of("ImageId", "m-dev0001")).body()).path("Images").path("Image").path(0);
            assertThat(listed.path("ExportedImageURL").asText()).isEqualTo(promised);
        }
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM ensemu_changes WHERE changes LIKE '%\"ImageExportStatus\":\"Exported\"%'"
                        + " AND changes LIKE '%" + promised + "%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("changes that ended the export").isEqualTo(1);
        }
        instances[0] = startInstance(0);
        awaitStatus(List.of("ensemu1"), "UP", Duration.ofSeconds(20));
    }

    private static String exportStatus(URI base) throws IOException {
        HttpResponse<String> answer = send(base, V1Requests.signed("GET", Map.of("Action", "DescribeExportImageStatus", "ImageId", "m-dev0001"),
                DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("ImageExportStatus").asText();
    }

    /** Signed reads through the balancer and writes through it, recording every outcome with its time. */
    private static final class Load implements AutoCloseable {
        record Outcome(Instant at, int status, String code) {}

        final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();
        final AtomicInteger written = new AtomicInteger();

        Load(String prefix) {
            for (int t = 0; t < 4; t++) {
                threads.add(started(() -> {
                    while (running.get()) {
                        HttpResponse<String> answer = describe(balancer, Map.of("PageSize", "10"));
                        outcomes.add(answer == null ? new Outcome(Instant.now(), -1, "connection failed")
                                : new Outcome(Instant.now(), answer.statusCode(), answer.statusCode() == 200 ? "" : code(answer)));
                    }
                }));
            }
            threads.add(started(() -> {
                Admin admin = new Admin(balancer, TOKEN);
                while (running.get()) {
                    String id = prefix + written.incrementAndGet();
                    try {
                        if (admin.post(IMAGES, Admin.image(id, "load", "2030-01-01T00:00:00Z", "Unexported")).status() == 201) {
                            acknowledged.add(id);
                        }
                    } catch (RuntimeException notAcknowledged) {
                        // the connection failed: that write was not acknowledged
                    }
                }
            }));
        }

        private static Thread started(Runnable work) {
            Thread thread = new Thread(work, "cluster-load");
            thread.start();
            return thread;
        }

        List<Outcome> failuresAfter(Instant instant) {
            return outcomes.stream().filter(o -> o.at().isAfter(instant) && o.status() != 200).toList();
        }

        long servedAfter(Instant instant) {
            return outcomes.stream().filter(o -> o.at().isAfter(instant) && o.status() == 200).count();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
    }

    @Test
    @Order(5)
    void killingOneInstanceUnderLoadFailsNoCallOnceTheBalancerNoticesAndItRejoins() throws Exception {
        try (Load load = new Load("m-kill-")) {
            Thread.sleep(2_000);
            instances[1].kill();
            Instant noticed = awaitStatus(List.of("ensemu2"), "DOWN", Duration.ofSeconds(10));
            Thread.sleep(3_000);
            assertThat(load.failuresAfter(noticed)).as("failed calls after HAProxy marked the killed instance down").isEmpty();
            assertThat(load.servedAfter(noticed)).isGreaterThan(50);

            instances[1] = startInstance(1);
            Instant rejoined = awaitStatus(List.of("ensemu2"), "UP", Duration.ofSeconds(20));
            Thread.sleep(2_000);
            assertThat(load.failuresAfter(rejoined)).isEmpty();
        }
        long before = servedBy("ensemu2");
        for (int i = 0; i < 9; i++) {
            assertThat(describe(balancer, Map.of()).statusCode()).isEqualTo(200);
        }
        assertThat(servedBy("ensemu2")).as("the restarted instance serves its share again").isGreaterThan(before);
        assertEveryAcknowledgedWritePresent();
    }

    private static long servedBy(String server) throws Exception {
        String csv = CLIENT.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().replaceFirst("^# ", "").split(","));
        int column = header.indexOf("stot");
        return csv.lines().map(l -> l.split(",", -1)).filter(f -> f.length > column && f[1].equals(server))
                .mapToLong(f -> Long.parseLong(f[column])).findFirst().orElseThrow();
    }

    @Test
    @Order(6)
    void aDatabaseRestartUnderLoadIsServiceUnavailableOnlyThenHeals() throws Exception {
        Instant resumed;
        try (Load load = new Load("m-db-")) {
            Thread.sleep(1_500);
            Instant stopped = Instant.now();
            postgres.stop("fast");
            Thread.sleep(2_000);
            postgres.startAgain();
            Instant started = Instant.now();
            Thread.sleep(5_000);
            resumed = started.plusSeconds(3);
            List<Load.Outcome> failures = load.failuresAfter(stopped);
            assertThat(failures).as("errors during the outage").isNotEmpty()
                    .allSatisfy(o -> {
                        assertThat(o.status()).isEqualTo(503);
                        assertThat(o.code()).isEqualTo("ServiceUnavailable");
                    });
            assertThat(load.failuresAfter(resumed)).as("service resumed by itself").isEmpty();
            assertThat(load.servedAfter(resumed)).isGreaterThan(20);
        }
        assertEveryAcknowledgedWritePresent();
    }

    private static void assertEveryAcknowledgedWritePresent() throws IOException {
        JsonNode images = new Admin(balancer, TOKEN).get(IMAGES).json();
        Set<String> stored = ConcurrentHashMap.newKeySet();
        images.forEach(i -> stored.add(i.path("ImageId").asText()));
        assertThat(acknowledged).hasSizeGreaterThan(200);
        assertThat(stored).containsAll(acknowledged);
    }
}
