package dev.ensemu.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import dev.ensemu.server.TlsConfig;
import dev.ensemu.server.support.TrustedTls;
import dev.ensemu.server.auth.AuthMode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTTPS set-ups: the self-signed certificate (kept per data directory), the user's own PEM files, broken files. */
class TlsIT {
    private static final String ACTION = "?Action=DescribeExportImageInfo&Version=2017-11-10";

    @TempDir
    Path dir;

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** GET over HTTPS trusting exactly the given certificate, as a client configured from the printed file does. */
    private static HttpResponse<String> get(URI uri, Path trusted) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TrustedTls.trusting(trusted)).build();
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static EmulatorConfig anonymous() {
        return EmulatorConfig.builder().port(0).auth(AuthMode.ANONYMOUS).admin(false).build();
    }

    @Test
    void selfSignedCertificateNamesLocalhostAndLoopbackAndServesBothPorts() throws Exception {
        try (EnsEmulator emulator = EnsEmulator.start(anonymous().toBuilder().tls(TlsConfig.selfSigned(0)).build())) {
            Path pem = emulator.tlsCertificate().orElseThrow();
            X509Certificate certificate = certificate(pem);
            List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
            assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("O=ensemu,CN=localhost");
            assertThat(certificate.getBasicConstraints()).as("a CA certificate").isEqualTo(Integer.MAX_VALUE);
            assertThat(certificate.getKeyUsage()).as("digitalSignature, keyCertSign")
                    .containsExactly(true, false, false, false, false, true, false, false, false);
            assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            assertThat(certificate.getNotAfter().toInstant()).isBetween(Instant.now().plus(Duration.ofDays(3649)),
                    Instant.now().plus(Duration.ofDays(3651)));
            certificate.verify(certificate.getPublicKey()); // self-signed, by the key the server serves with

            URI https = emulator.httpsUri().orElseThrow();
            HttpResponse<String> overTls = get(URI.create("https://localhost:" + https.getPort() + "/" + ACTION), pem);
            assertThat(overTls.statusCode()).isEqualTo(200);
            assertThat(overTls.body()).contains("\"TotalCount\"");
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(emulator.baseUri().resolve("/" + ACTION)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDataDirectoryKeepsItsCertificateAcrossRestarts() throws Exception {
        byte[] first;
        try (EnsEmulator emulator = EnsEmulator.start(anonymous().toBuilder().dataDir(dir).tls(TlsConfig.selfSigned(0)).build())) {
            assertThat(emulator.tlsCertificate()).contains(dir.resolve("tls").resolve("cert.pem"));
            first = Files.readAllBytes(emulator.tlsCertificate().orElseThrow());
        }
        try (EnsEmulator emulator = EnsEmulator.start(anonymous().toBuilder().dataDir(dir).tls(TlsConfig.selfSigned(0)).build())) {
            assertThat(Files.readAllBytes(emulator.tlsCertificate().orElseThrow())).isEqualTo(first);
            assertThat(get(URI.create("https://127.0.0.1:" + emulator.httpsUri().orElseThrow().getPort() + "/" + ACTION),
                    emulator.tlsCertificate().orElseThrow()).statusCode()).isEqualTo(200);
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("tls").resolve("key.pem")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theUsersOwnPemFilesAreServed() throws Exception {
        TlsMaterial made = TlsMaterial.selfSigned(Optional.of(dir));
        Path certificate = made.certificateFile();
        Path key = dir.resolve("tls").resolve("key.pem");
        try (EnsEmulator emulator = EnsEmulator.start(anonymous().toBuilder().tls(new TlsConfig(0, Optional.of(certificate), Optional.of(key))).build())) {
            assertThat(emulator.tlsCertificate()).contains(certificate);
            assertThat(get(URI.create("https://localhost:" + emulator.httpsUri().orElseThrow().getPort() + "/" + ACTION), certificate)
                    .statusCode()).isEqualTo(200);
        }
    }

    /** Keys as OpenSSL writes them (see the files' README): PKCS#1 RSA, SEC1 EC after its EC PARAMETERS block. */
    @ParameterizedTest
    @CsvSource({"rsa.crt, rsa-pkcs1.key", "ec.crt, ec-sec1.key"})
    void theUsersOpenSslKeysAreServed(String certificateName, String keyName) throws Exception {
        Path certificate = resource(certificateName);
        try (EnsEmulator emulator = EnsEmulator.start(anonymous().toBuilder()
                .tls(new TlsConfig(0, Optional.of(certificate), Optional.of(resource(keyName)))).build())) {
            assertThat(get(URI.create("https://localhost:" + emulator.httpsUri().orElseThrow().getPort() + "/" + ACTION), certificate)
                    .statusCode()).isEqualTo(200);
        }
    }

    /** An encrypted key, or another pair's key: refused at start, not at every handshake. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rsa-encrypted.key | --tls-key .*rsa-encrypted.key: the key is encrypted; give it unencrypted .*",
            "ec-sec1.key       | the TLS key does not fit its certificate: --tls-key is not the private key of .*"})
    void keysThatCannotServeTheCertificateStopTheStart(String keyName, String message) {
        assertThatThrownBy(() -> EnsEmulator.start(anonymous().toBuilder()
                .tls(new TlsConfig(0, Optional.of(resource("rsa.crt")), Optional.of(resource(keyName)))).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(message)
                .hasMessageNotContaining("\n");
    }

    private static Path resource(String name) throws Exception {
        return Path.of(TlsIT.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void brokenPemFilesAreOneLineErrorsNamingTheFlag() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        Path certificate = TlsMaterial.selfSigned(Optional.of(dir)).certificateFile();
        // SEC1 whose [0] names no curve: 30 05 02 01 01 a0 00
        Path emptyCurve = Files.writeString(dir.resolve("empty-curve.pem"), "-----BEGIN EC PRIVATE KEY-----\nMAUCAQGgAA==\n-----END EC PRIVATE KEY-----\n");
        Path notBase64 = Files.writeString(dir.resolve("not-base64.pem"), "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");
        for (List<Path> files : List.of(List.of(notPem, dir.resolve("tls/key.pem")), List.of(certificate, notPem),
                List.of(certificate, emptyCurve), List.of(certificate, notBase64),
                List.of(certificate, certificate), List.of(dir.resolve("missing.pem"), notPem))) {
            assertThatThrownBy(() -> EnsEmulator.start(anonymous()
                    .toBuilder().tls(new TlsConfig(0, Optional.of(files.get(0)), Optional.of(files.get(1)))).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching("--tls-(cert|key) .*")
                    .hasMessageNotContaining("\n");
        }
    }
}
