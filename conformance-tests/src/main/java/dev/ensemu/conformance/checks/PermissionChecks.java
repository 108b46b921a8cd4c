package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.client.Document;
import dev.ensemu.conformance.client.Implementation;
import dev.ensemu.conformance.endpoint.Target;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** RAM permission per operation, with a key whose policy grants only some of the document's operations. */
class PermissionChecks extends CheckSupport {
    /** Codes that say the caller was not let in: an operation the key may call must not answer any of them. */
    private static final Set<String> REFUSALS = Set.of("NoPermission", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId.Inactive",
            "SignatureDoesNotMatch", "IncompleteSignature", "InvalidTimeStamp.Expired", "InvalidTimeStamp.Format", "SignatureNonceUsed",
            "MissingSecurityToken", "InvalidSecurityToken.Malformed", "InvalidSecurityToken.MismatchWithAccessKey", "InvalidSecurityToken.Expired");

    @Test
    @Check(id = "PERM-01", rules = {"R-SIG-17", "R-SIG-12", "R-EXP-07"},
            description = "A key limited to some operations is let in to each of them and gets 400 NoPermission for every other operation the endpoint implements")
    void permissionIsJudgedPerOperation() {
        Target.LimitedKey limited = ens.target().limited().orElseThrow(() -> new TestAbortedException(
                "not applicable: the run has no key limited to some operations (--limited-key-id, --limited-key-operations)"));
        Set<String> implemented = Implementation.operations(ens.target());
        List<String> operations = Document.get().actions().stream().filter(implemented::contains).toList();
        Random random = new Random(20261207L);
        for (String action : operations) {
            RequestGenerator.Generated request = new RequestGenerator(action, List.of(), List.of()).requiredOnly(random);
            Call call = Call.get().action(action).signedWith(limited.key().accessKeyId(), limited.key().secret());
            request.values().forEach(call::query);
            Answer answer = send(call);
            if (limited.operations().contains(action)) {
                boolean letIn = answer.status() == 200 || answer.status() < 500 && !REFUSALS.contains(answer.code());
                assertThat(letIn)
                        .as("%s is granted to the limited key, so it is let in; answered %s", action, answer).isTrue();
            } else {
                assertError(answer, 400, "NoPermission");
            }
        }
    }
}
