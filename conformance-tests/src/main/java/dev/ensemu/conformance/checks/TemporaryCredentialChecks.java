package dev.ensemu.conformance.checks;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.client.ControlPlane;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Temporary (STS) credentials and key states. STS-01..03 use the run's temporary credentials
 * (--security-token) or, without them, credentials minted through ensemu's control plane;
 * STS-04..06 always mint their own there.
 */
class TemporaryCredentialChecks extends CheckSupport {
    private static final String FOREIGN_TOKEN = "CAISconformanceNeverIssuedByAnyEndpoint0000";

    /** Key, secret and token: the run's own when it has a token, else minted ones. */
    private List<String> temporaryCredentials() {
        if (ens.target().securityToken().isPresent()) {
            return List.of(ens.target().accessKeyId().orElseThrow(), ens.target().accessKeySecret().orElseThrow(),
                    ens.target().securityToken().get());
        }
        Assumptions.assumeTrue(ens.target().signs(), "not applicable: the run has no credentials (signature none)");
        ControlPlane control = ControlPlane.of(ens.target()).orElse(null);
        Assumptions.assumeTrue(control != null,
                "not applicable: the run has no temporary credentials (--security-token) and no ensemu control plane to mint them");
        return control.mintTemporaryCredentials(control.accountOfTarget(), 3600);
    }

    private static Call signedWith(List<String> credentials) {
        return Call.get().signedWith(credentials.get(0), credentials.get(1));
    }

    /** Signed with the credentials and carrying their own token. */
    private static Call asTemporary(List<String> credentials) {
        return signedWith(credentials).securityToken(credentials.get(2));
    }

    private ControlPlane requireControlPlane() {
        Assumptions.assumeTrue(ens.target().signs(), "not applicable: the run has no credentials (signature none)");
        ControlPlane control = ControlPlane.of(ens.target()).orElse(null);
        Assumptions.assumeTrue(control != null, "not applicable: the target offers no ensemu control plane (or no --admin-token)");
        return control;
    }

    @Test
    @Check(id = "STS-01", rules = {"R-SIG-14", "R-SIG-01"}, description = "Temporary credentials with their SecurityToken are served")
    void temporaryCredentialsAreServed() {
        List<String> sts = temporaryCredentials();
        ok(asTemporary(sts).query("PageSize", 1));
    }

    @Test
    @Check(id = "STS-02", rules = {"R-SIG-14"}, description = "Temporary credentials without their SecurityToken are 400 MissingSecurityToken")
    void missingTokenFails() {
        assertError(send(signedWith(temporaryCredentials()).securityToken(null)), 400, "MissingSecurityToken");
    }

    @Test
    @Check(id = "STS-03", rules = {"R-SIG-14"}, description = "A SecurityToken the endpoint never issued is 400 InvalidSecurityToken.Malformed")
    void foreignTokenFails() {
        assertError(send(signedWith(temporaryCredentials()).securityToken(FOREIGN_TOKEN)), 400, "InvalidSecurityToken.Malformed");
    }

    @Test
    @Check(id = "STS-04", rules = {"R-SIG-14"}, description = "Minted credentials are served; another credential's token is 400 InvalidSecurityToken.MismatchWithAccessKey")
    void mismatchedTokenFails() {
        ControlPlane control = requireControlPlane();
        String account = control.accountOfTarget();
        List<String> mine = control.mintTemporaryCredentials(account, 3600);
        List<String> other = control.mintTemporaryCredentials(account, 3600);

        ok(asTemporary(mine));
        assertError(send(signedWith(mine).securityToken(other.get(2))), 400, "InvalidSecurityToken.MismatchWithAccessKey");
    }

    @Test
    @Check(id = "STS-05", rules = {"R-SIG-14"}, description = "Credentials past their expiry are 400 InvalidSecurityToken.Expired")
    void expiredTokenFails() throws InterruptedException {
        ControlPlane control = requireControlPlane();
        List<String> shortLived = control.mintTemporaryCredentials(control.accountOfTarget(), 1);

        Thread.sleep(1_500);
        assertError(send(asTemporary(shortLived)), 400, "InvalidSecurityToken.Expired");
    }

    @Test
    @Check(id = "STS-06", rules = {"R-SIG-14"}, description = "A disabled key is 400 InvalidAccessKeyId.Inactive until enabled again")
    void disabledKeyFails() {
        ControlPlane control = requireControlPlane();
        String account = control.accountOfTarget();
        List<String> key = control.mintTemporaryCredentials(account, 3600);

        control.changeKeyStatus(account, key.get(0), false);
        assertError(send(asTemporary(key)), 400, "InvalidAccessKeyId.Inactive");
        control.changeKeyStatus(account, key.get(0), true);
        ok(asTemporary(key));
    }
}
