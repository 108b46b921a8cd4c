package dev.ensemu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {
    @Test
    void keepsUnreservedAndEncodesEverythingElseUpperCase() {
        assertThat(PercentEncoding.encode("a b*c~d+e/f")).isEqualTo("a%20b%2Ac~d%2Be%2Ff");
        assertThat(PercentEncoding.encode("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
        assertThat(PercentEncoding.encode("!()'")).isEqualTo("%21%28%29%27");
    }

    @Test
    void encodesEachUtf8Byte() {
        assertThat(PercentEncoding.encode("中文")).isEqualTo("%E4%B8%AD%E6%96%87");
    }
}
