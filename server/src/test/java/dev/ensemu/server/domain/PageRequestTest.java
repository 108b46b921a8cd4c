package dev.ensemu.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageRequestTest {
    @Test
    void offsetOfTheLastPossiblePageDoesNotOverflow() {
        assertThat(new PageRequest(Integer.MAX_VALUE, 50).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 50);
    }

    @Test
    void offsetCountsTheEntriesOfTheEarlierPages() {
        assertThat(new PageRequest(1, 10).offset()).isZero();
        assertThat(new PageRequest(3, 7).offset()).isEqualTo(14);
    }
}
