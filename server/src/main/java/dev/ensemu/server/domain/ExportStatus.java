package dev.ensemu.server.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The export status of an image, a small state machine: Unexported -> Exporting -> Exported | ExportError. */
public enum ExportStatus {
    UNEXPORTED("Unexported"),
    EXPORTING("Exporting"),
    EXPORTED("Exported"),
    EXPORT_ERROR("ExportError");

    private final String ensName;

    ExportStatus(String ensName) {
        this.ensName = ensName;
    }

    /** The value ENS writes in ImageExportStatus. */
    public String ensName() {
        return ensName;
    }

    public static Optional<ExportStatus> fromEnsName(String name) {
        return Arrays.stream(values()).filter(s -> s.ensName.equals(name)).findFirst();
    }

    /** Re-export is allowed once an export has finished, well or badly. */
    public boolean canMoveTo(ExportStatus next) {
        return switch (this) {
            case UNEXPORTED, EXPORTED, EXPORT_ERROR -> next == EXPORTING;
            case EXPORTING -> Set.of(EXPORTED, EXPORT_ERROR).contains(next);
        };
    }
}
