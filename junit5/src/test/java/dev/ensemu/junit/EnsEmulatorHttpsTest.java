package dev.ensemu.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code withHttps()} the extension serves HTTPS and hands out what a client needs to trust it. */
class EnsEmulatorHttpsTest {
    @RegisterExtension
    static final EnsEmulatorExtension ens = EnsEmulatorExtension.create().withHttps();

    @Test
    void aClientTrustingTheHandedOutContextIsServedOverHttps() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ens.sslContext()).build();
        URI health = URI.create("https://" + ens.httpsEndpoint() + "/_emulator/health");

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"UP\"");
        assertThat(ens.certificate()).exists();
        assertThat(ens.trustStore().containsAlias("ensemu")).isTrue();
    }

    @Test
    void aClientWithTheDefaultTrustRefusesTheSelfSignedCertificate() {
        URI health = URI.create("https://" + ens.httpsEndpoint() + "/_emulator/health");

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }
}
