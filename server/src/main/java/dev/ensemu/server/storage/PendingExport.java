package dev.ensemu.server.storage;

import dev.ensemu.server.domain.ExportStatus;
import java.time.Instant;

/** An export started with a duration: at {@code completesAt} the image moves to {@code outcome}. */
public record PendingExport(String accountId, String imageId, Instant completesAt, ExportStatus outcome) {}
