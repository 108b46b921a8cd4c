package dev.ensemu.conformance.checks;

import dev.ensemu.contract.report.Level;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults and limits of PageNumber and PageSize (ENS: pages from 1, default 10, at most 50). */
class DefaultsAndLimitsChecks extends CheckSupport {
    @Test
    @Check(id = "DEF-01", rules = {"R-PAR-07"}, description = "Without PageNumber/PageSize the answer is page 1 of size 10 with at most 10 images")
    void defaultsArePageOneOfTen() {
        Answer answer = ok(Call.get());

        assertThat(answer.json().path("PageNumber").asInt()).as("PageNumber").isEqualTo(1);
        assertThat(answer.json().path("PageSize").asInt()).as("PageSize").isEqualTo(10);
        assertThat(answer.images()).hasSizeLessThanOrEqualTo(10);
        assertThat(answer.images()).hasSize(Math.min(10, answer.totalCount()));
    }

    @ParameterizedTest(name = "PageSize={0}")
    @ValueSource(strings = {"0", "51", "-1", "abc", "1.5", "2147483648", " 10"})
    @Check(id = "LIM-01", rules = {"R-PAR-08"}, description = "A PageSize that is not an integer from 1 to 50 is 400 InvalidParameter.PageSize")
    void invalidPageSizeIsRejected(String pageSize) {
        assertError(send(Call.get().query("PageSize", pageSize)), 400, "InvalidParameter.PageSize");
    }

    @ParameterizedTest(name = "PageNumber={0}")
    @ValueSource(strings = {"0", "-1", "x", "2147483648"})
    @Check(id = "LIM-02", rules = {"R-PAR-09"}, description = "A PageNumber that is not a positive 32-bit integer is 400 InvalidParameter.PageNumber")
    void invalidPageNumberIsRejected(String pageNumber) {
        assertError(send(Call.get().query("PageNumber", pageNumber)), 400, "InvalidParameter.PageNumber");
    }

    @ParameterizedTest(name = "PageSize={0}")
    @ValueSource(ints = {1, 50})
    @Check(id = "LIM-03", rules = {"R-PAR-08"}, description = "PageSize 1 and 50 are accepted and echoed, with at most that many images")
    void boundaryPageSizesAreAccepted(int pageSize) {
        Answer answer = ok(Call.get().query("PageSize", pageSize));

        assertThat(answer.json().path("PageSize").asInt()).isEqualTo(pageSize);
        assertThat(answer.images()).hasSize(Math.min(pageSize, answer.totalCount()));
    }

    @Test
    @Check(id = "LIM-04", rules = {"R-PAR-04"}, level = Level.SHOULD, description = "Empty PageNumber, PageSize, ImageId and ImageName act as absent")
    void emptyValuesActAsAbsent() {
        Answer plain = ok(Call.get());
        Answer empties = ok(Call.get().query("PageNumber", "").query("PageSize", "").query("ImageId", "").query("ImageName", ""));

        assertThat(empties.json().path("PageNumber").asInt()).isEqualTo(1);
        assertThat(empties.json().path("PageSize").asInt()).isEqualTo(10);
        assertThat(empties.totalCount()).isEqualTo(plain.totalCount());
        assertThat(empties.imageIds()).isEqualTo(plain.imageIds());
    }
}
