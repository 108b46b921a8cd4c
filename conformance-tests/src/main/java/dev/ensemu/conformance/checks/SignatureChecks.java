package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.checks.Level;
import dev.ensemu.conformance.endpoint.SignatureScheme;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signatures, when the run has credentials: good ones pass, every kind of bad one gets its Code. */
class SignatureChecks extends CheckSupport {
    @BeforeEach
    void requireCredentials() {
        Assumptions.assumeTrue(ens.target().signs(), "not applicable: the run has no credentials (signature none)");
    }

    @Test
    @Check(id = "SIG-01", description = "A correctly signed request is served")
    void correctSignaturePasses() {
        ok(Call.get().query("PageSize", 1));
    }

    @Test
    @Check(id = "SIG-02", description = "A parameter changed after signing is 400 SignatureDoesNotMatch")
    void changedParameterFails() {
        assertError(send(Call.get().query("PageSize", 5).tamperAfterSigning("PageSize", "6")), 400, "SignatureDoesNotMatch");
    }

    @Test
    @Check(id = "SIG-03", description = "A request signed with the wrong secret is 400 SignatureDoesNotMatch")
    void wrongSecretFails() {
        assertError(send(Call.get().signedWithSecret("not-" + UUID.randomUUID())), 400, "SignatureDoesNotMatch");
    }

    @Test
    @Check(id = "SIG-04", description = "An unknown AccessKeyId is 404 InvalidAccessKeyId.NotFound")
    void unknownKeyFails() {
        assertError(send(Call.get().signedWith("LTAIconformance" + UUID.randomUUID().toString().substring(0, 8), "x")),
                404, "InvalidAccessKeyId.NotFound");
    }

    @Test
    @Check(id = "SIG-05", description = "A timestamp an hour away from now is 400 InvalidTimeStamp.Expired, either way")
    void expiredTimestampFails() {
        assertError(send(Call.get().at(Instant.now().minus(Duration.ofHours(1)))), 400, "InvalidTimeStamp.Expired");
        assertError(send(Call.get().at(Instant.now().plus(Duration.ofHours(1)))), 400, "InvalidTimeStamp.Expired");
    }

    @Test
    @Check(id = "SIG-06", description = "A replayed nonce is 400 SignatureNonceUsed")
    void replayedNonceFails() {
        String nonce = "conformance-" + UUID.randomUUID();
        Instant now = Instant.now();

        ok(Call.get().nonce(nonce).at(now));
        assertError(send(Call.get().nonce(nonce).at(now)), 400, "SignatureNonceUsed");
    }

    @Test
    @Check(id = "SIG-07", description = "An unsigned request is 400 IncompleteSignature")
    void unsignedFails() {
        assertError(send(Call.get().unsigned()), 400, "IncompleteSignature");
    }

    @Test
    @Check(id = "SIG-08", level = Level.SHOULD, description = "A V1 signature may travel in the form body with every other parameter (pop-core)")
    void signatureInBodyPasses() {
        Assumptions.assumeTrue(ens.target().signature() == SignatureScheme.V1, "not applicable: the run signs with V3");
        ok(Call.post().naming(Call.Naming.NONE).form("Action", "DescribeExportImageInfo").form("Version", "2017-11-10")
                .form("PageSize", 2).signatureInBody());
    }
}
