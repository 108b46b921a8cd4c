package dev.ensemu.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.PackagedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS as an application meets it: the packaged server with {@code --tls-port} and its
 * self-signed certificate; the official SDKs in a JVM of their own that trusts the certificate
 * through {@code javax.net.ssl.trustStore}, as the README shows, and changes nothing else.
 */
class HttpsSdkIT {
    private static PackagedServer server;
    private static String endpoint;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        server = PackagedServer.start(List.of(), "--port", "0", "--tls-port", "0", "--no-admin", "--export-duration", "300ms");
        endpoint = server.httpsUri().getHost() + ":" + server.httpsUri().getPort();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    /** A PKCS12 trust store holding the certificate the ready line names, as keytool -importcert makes it. */
    private static Path trustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(server.certificate())) {
            store.setCertificateEntry("ensemu", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        Path file = dir.resolve("ensemu-trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }

    private static List<String> runClients(List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HttpsSdkClients.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out.lines().toList();
    }

    @Test
    void officialSdksRunTheExportFlowOverHttps() throws Exception {
        List<String> lines = runClients(List.of("-Djavax.net.ssl.trustStore=" + trustStore(), "-Djavax.net.ssl.trustStorePassword=changeit"),
                endpoint, "flow");

        assertThat(lines).containsExactly("JAVA_CORE_V1 Exported true", "JAVA_CORE_V3 Exported true", "TEA_V3 Exported true",
                "TEA_V2 Exported true");
    }

    @Test
    void officialSdksReadThePageOverHttpsWithOnlyTheTrustStoreSet() throws Exception {
        List<String> lines = runClients(List.of("-Djavax.net.ssl.trustStore=" + trustStore(), "-Djavax.net.ssl.trustStorePassword=changeit"),
                endpoint);

        assertThat(lines).containsExactly("java-core-v1 " + DevSeed.IMAGE_COUNT, "java-core-v3 " + DevSeed.IMAGE_COUNT,
                "tea-v3 " + DevSeed.IMAGE_COUNT, "tea-v2 " + DevSeed.IMAGE_COUNT);
    }

    @Test
    void withoutTrustingTheCertificateEveryClientRefusesTheServer() throws Exception {
        List<String> lines = runClients(List.of(), endpoint);

        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).contains("failed:"));
    }

    @Test
    void onlyTls12And13AreSpoken() throws Exception {
        Path enableOldProtocols = dir.resolve("old-protocols.security");
        Files.writeString(enableOldProtocols, "jdk.tls.disabledAlgorithms=\n"); // let the client offer TLS 1.0 and 1.1
        List<String> lines = runClients(List.of("-Djavax.net.ssl.trustStore=" + trustStore(), "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djava.security.properties=" + enableOldProtocols), endpoint, "protocols");

        assertThat(lines).containsExactly("TLSv1.3 TLSv1.3", "TLSv1.2 TLSv1.2", "TLSv1.1 refused", "TLSv1 refused");
    }
}
