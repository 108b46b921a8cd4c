package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.client.Call;
import org.junit.jupiter.api.Test;

/**
 * Every answer of every check is validated against the OpenAPI document as it arrives; this check
 * names that rule and exercises each answer shape once.
 */
class SchemaChecks extends CheckSupport {
    @Test
    @Check(id = "SCH-01", rules = {"R-ANS-13", "R-ANS-09"}, description = "Pages (full, filtered, empty) and errors validate against the OpenAPI document")
    void answersMatchTheDocument() {
        ok(Call.get());
        ok(Call.get().query("PageSize", 50));
        ok(Call.get().query("ImageId", "m-none-such"));
        assertThat(send(Call.get().query("PageSize", 0)).status()).isEqualTo(400);
        assertThat(send(Call.get().action("Nope")).status()).isEqualTo(404);
    }
}
