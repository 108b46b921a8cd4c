package dev.ensemu.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.domain.EnsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RpcParametersTest {
    /** The same value as each official client puts it on the wire (docs/wire-protocol.md section 3). */
    @ParameterizedTest
    @ValueSource(strings = {
        "ImageName=a%20b*c%7Ed%2Be%2Ff",   // java-core query
        "ImageName=a+b*c%7Ed%2Be%2Ff",     // java-tea, java-core form body
        "ImageName=a%20b%2Ac~d%2Be%2Ff",   // pop-core
        "ImageName=a%20b*c~d%2Be%2Ff"      // node-oac
    })
    void everyClientEncodingDecodesToTheSameValue(String wire) {
        assertThat(RpcParameters.parse(wire).given("ImageName")).isEqualTo("a b*c~d+e/f");
    }

    @Test
    void decodesUtf8() {
        assertThat(RpcParameters.parse("ImageName=%E4%B8%AD%E6%96%87").given("ImageName")).isEqualTo("中文");
    }

    @Test
    void emptyValueIsPresentButNotGiven() {
        RpcParameters params = RpcParameters.parse("ImageId=&PageSize");

        assertThat(params.raw("ImageId")).isEmpty();
        assertThat(params.given("ImageId")).isNull();
        assertThat(params.contains("PageSize")).isTrue();
        assertThat(params.given("Missing")).isNull();
    }

    @Test
    void firstValueOfARepeatedNameCounts() {
        RpcParameters query = RpcParameters.parse("PageSize=5&PageSize=7");
        RpcParameters merged = query.followedBy(RpcParameters.parse("PageSize=9&ImageId=m-1"));

        assertThat(merged.given("PageSize")).isEqualTo("5");
        assertThat(merged.given("ImageId")).isEqualTo("m-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ImageName=%zz", "ImageName=%E4%B8", "ImageName=%", "ImageName=%C3%28"})
    void malformedOrNonUtf8EscapesNameTheField(String wire) {
        assertThatThrownBy(() -> RpcParameters.parse(wire))
                .isInstanceOfSatisfying(EnsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameter.ImageName"));
    }

    @Test
    void malformedNameIsAGenericInvalidParameter() {
        assertThatThrownBy(() -> RpcParameters.parse("Image%zzName=1"))
                .isInstanceOfSatisfying(EnsException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameter"));
    }

    @Test
    void emptyPiecesAreSkipped() {
        assertThat(RpcParameters.parse("&&a=1&=2&").asMap()).containsExactly(java.util.Map.entry("a", "1"));
    }
}
