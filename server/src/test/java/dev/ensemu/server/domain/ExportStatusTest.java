package dev.ensemu.server.domain;

import static dev.ensemu.server.domain.ExportStatus.EXPORTED;
import static dev.ensemu.server.domain.ExportStatus.EXPORTING;
import static dev.ensemu.server.domain.ExportStatus.EXPORT_ERROR;
import static dev.ensemu.server.domain.ExportStatus.UNEXPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExportStatusTest {
    @Test
    void exportRunsFromUnexportedThroughExportingToAnEnd() {
        assertThat(UNEXPORTED.canMoveTo(EXPORTING)).isTrue();
        assertThat(EXPORTING.canMoveTo(EXPORTED)).isTrue();
        assertThat(EXPORTING.canMoveTo(EXPORT_ERROR)).isTrue();
    }

    @Test
    void finishedExportsMayStartAgainButNothingSkipsExporting() {
        assertThat(EXPORTED.canMoveTo(EXPORTING)).isTrue();
        assertThat(EXPORT_ERROR.canMoveTo(EXPORTING)).isTrue();
        assertThat(UNEXPORTED.canMoveTo(EXPORTED)).isFalse();
        assertThat(EXPORTING.canMoveTo(UNEXPORTED)).isFalse();
        assertThat(EXPORTED.canMoveTo(EXPORT_ERROR)).isFalse();
    }

    @Test
    void ensNamesRoundTrip() {
        for (ExportStatus status : ExportStatus.values()) {
            assertThat(ExportStatus.fromEnsName(status.ensName())).contains(status);
        }
        assertThat(ExportStatus.fromEnsName("exported")).isEmpty();
    }
}
