package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.checks.Check;
import dev.ensemu.contract.report.Level;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The error envelope and the (status, Code) of each row of the error table. Messages are never compared. */
class ErrorChecks extends CheckSupport {
    @Test
    @Check(id = "ERR-01", rules = {"R-ERR-01", "R-ANS-07"}, description = "An error carries RequestId, HostId, Code and Message; RequestId equals x-acs-request-id; JSON")
    void errorEnvelope() {
        Answer answer = send(Call.get().query("PageSize", 51));
        JsonNode body = answer.json();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(body.has("RequestId") && body.has("HostId") && body.has("Code") && body.has("Message"))
                .as("envelope keys in %s", answer).isTrue();
        assertThat(answer.header("x-acs-request-id")).contains(body.path("RequestId").asText());
        assertThat(answer.header("Content-Type")).hasValueSatisfying(t -> assertThat(t.toLowerCase()).startsWith("application/json"));
    }

    @Test
    @Check(id = "ERR-02", rules = {"R-ERR-03"}, description = "No Action (parameter or header) is 400 MissingParameter")
    void missingAction() {
        assertError(send(Call.get().naming(Call.Naming.NONE).query("Version", "2017-11-10")), 400, "MissingParameter");
    }

    @Test
    @Check(id = "ERR-03", rules = {"R-ERR-04"}, description = "An unknown Action is 404 InvalidAction.NotFound")
    void unknownAction() {
        assertError(send(Call.get().action("DescribeNothingAtAll")), 404, "InvalidAction.NotFound");
    }

    @Test
    @Check(id = "ERR-04", rules = {"R-ERR-05"}, level = Level.SHOULD, description = "A path other than / is 404 InvalidAction.NotFound")
    void otherPath() {
        assertError(send(Call.get().path("/v1/images")), 404, "InvalidAction.NotFound");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
    @Check(id = "ERR-05", rules = {"R-ERR-05"}, level = Level.SHOULD, description = "A method other than GET or POST is 404 InvalidAction.NotFound")
    void otherMethod(String method) {
        assertError(send(Call.get().method(method)), 404, "InvalidAction.NotFound");
    }

    @Test
    @Check(id = "ERR-06", rules = {"R-ERR-06"}, description = "No Version (parameter or header) is 400 MissingParameter")
    void missingVersion() {
        assertError(send(Call.get().naming(Call.Naming.NONE).query("Action", "DescribeExportImageInfo")), 400, "MissingParameter");
    }

    @Test
    @Check(id = "ERR-07", rules = {"R-ERR-08"}, level = Level.SHOULD, description = "Another Version is 400 InvalidVersion")
    void otherVersion() {
        assertError(send(Call.get().version("2014-05-26")), 400, "InvalidVersion");
    }

    @Test
    @Check(id = "ERR-11", rules = {"R-ERR-07"}, level = Level.SHOULD, description = "A Version other than 2017-11-10 is refused with 400 and an error envelope, whatever its Code")
    void otherVersionIsRefused() {
        for (String version : new String[] {"2014-05-26", "2017-11-11", "2017-11-10x"}) {
            Answer answer = send(Call.get().version(version));
            assertThat(answer.status()).as("status of %s", answer).isEqualTo(400);
            assertThat(answer.code()).as("Code of %s", answer).isNotBlank();
        }
    }

    @Test
    @Check(id = "ERR-08", rules = {"R-PAR-16"}, level = Level.SHOULD, description = "A Format other than JSON or XML is 400 InvalidParameter.Format")
    void unknownFormat() {
        assertError(send(Call.get().query("Format", "YAML")), 400, "InvalidParameter.Format");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ImageId", "ImageName"})
    @Check(id = "ERR-09", rules = {"R-PAR-11"}, level = Level.SHOULD, description = "An ImageId or ImageName over 128 characters is 400 InvalidParameter.<Name>")
    void overLongFilter(String name) {
        assertError(send(Call.get().query(name, "x".repeat(129))), 400, "InvalidParameter." + name);
    }

    @Test
    @Check(id = "ERR-10", rules = {"R-ERR-02"}, level = Level.SHOULD, description = "With Format=XML an error is <Error> as text/xml;charset=utf-8")
    void xmlError() {
        Answer answer = send(Call.get().query("Format", "XML").query("PageSize", 51));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(t -> assertThat(t.replace(" ", "").toLowerCase())
                .isEqualTo("text/xml;charset=utf-8"));
        assertThat(answer.body()).contains("<Error>", "<Code>InvalidParameter.PageSize</Code>", "<RequestId>");
    }
}
