package dev.ensemu.server.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.domain.EnsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {
    @Test
    void absentValuesTakeEnsDefaults() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(1, 10));
    }

    @ParameterizedTest
    @CsvSource({"0,10,InvalidParameter.PageNumber", "-1,10,InvalidParameter.PageNumber",
            "1,0,InvalidParameter.PageSize", "1,51,InvalidParameter.PageSize", "1,-1,InvalidParameter.PageSize"})
    void outOfRangeValuesAreRejectedNotClamped(int number, int size, String code) {
        assertThatThrownBy(() -> PageRequest.of(number, size))
                .isInstanceOfSatisfying(EnsException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void boundsAreAccepted() {
        assertThat(PageRequest.of(1, 1).size()).isEqualTo(1);
        assertThat(PageRequest.of(Integer.MAX_VALUE, 50).size()).isEqualTo(50);
    }

    @Test
    void offsetOfTheLastPossiblePageDoesNotOverflow() {
        assertThat(PageRequest.of(Integer.MAX_VALUE, 50).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 50);
    }
}
