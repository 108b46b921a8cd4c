package dev.ensemu.server.storage;

import dev.ensemu.server.domain.ExportStatus;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * An export started with a duration: at {@code completesAt} the image moves to {@code outcome}.
 *
 * @param url the URL an {@code Exported} outcome shows: the one ExportImage promised, or empty
 *            for the configured pattern (exports started through the control plane)
 */
public record PendingExport(String accountId, String imageId, Instant completesAt, ExportStatus outcome, Optional<URI> url) {}
