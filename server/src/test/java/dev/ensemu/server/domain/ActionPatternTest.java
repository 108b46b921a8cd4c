package dev.ensemu.server.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionPatternTest {
    @ParameterizedTest(name = "{0} allows {1}: {2}")
    @CsvSource({
            "*, ens:ExportImage, true",
            "*, ecs:DescribeImages, true",
            "ens:*, ens:ExportImage, true",
            "ens:*, ecs:ExportImage, false",
            "ens:Describe*, ens:DescribeExportImageInfo, true",
            "ens:Describe*, ens:DescribeExportImageStatus, true",
            "ens:Describe*, ens:ExportImage, false",
            "ens:Describe*, ens:Describe, true",
            "ens:*Image, ens:ExportImage, true",
            "ens:*Image, ens:ExportImages, false",
            "ens:Describe*Status, ens:DescribeExportImageStatus, true",
            "ens:Describe*Status, ens:DescribeExportImageInfo, false",
            "ens:ExportImag?, ens:ExportImage, true",
            "ens:ExportImag?, ens:ExportImag, false",
            "ens:ExportImage, ens:ExportImage, true",
            "ens:ExportImage, ens:exportimage, false",
            "ens:ExportImage, ens:ExportImageX, false",
            "ens:*a*a*a*b, ens:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac, false"})
    void wildcardsMatchAsRamDefinesThem(String pattern, String action, boolean allowed) {
        assertThat(ActionPattern.allows(ActionPattern.requireWellFormed(pattern), action)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ens", "ens:", ":ExportImage", "ens:Export Image", "ENS:ExportImage", "ens:Export.Image", "ens:*:*", "**x"})
    void malformedPatternsAreRefusedWithTheirText(String pattern) {
        assertThatThrownBy(() -> ActionPattern.requireWellFormed(pattern))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"" + pattern + "\"");
    }

    @ParameterizedTest
    @CsvSource({"ens:Describe*, ens:DescribeExportImageStatus, true", "ens:Describe*, ens:ExportImage, false"})
    void anAccountMayCallWhatOneOfItsPatternsAllows(String pattern, String action, boolean allowed) {
        Account account = new Account("a", List.of(), Set.of("ecs:DescribeImages", pattern), List.of());
        assertThat(account.mayCall(action)).isEqualTo(allowed);
    }
}
