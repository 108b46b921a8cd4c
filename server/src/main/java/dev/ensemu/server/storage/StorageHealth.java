package dev.ensemu.server.storage;

import java.util.Optional;

/** Whether the state's storage is usable: what health and readiness report. */
public interface StorageHealth {
    /** "memory", "data-dir" or "postgresql". */
    String kind();

    /** Empty while the storage is usable, else why it is not. */
    Optional<String> problem();
}
