package dev.ensemu.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ensemu.contract.exchange.Exchange;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.seed.SeedCodec;
import dev.ensemu.server.seed.SeedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes what upstream answers revealed as a seed file ensemu loads as it is: per calling account
 * (its own keys and actions, so the same key works against the replay), the images listed, with
 * the export statuses and URLs later answers showed. The file is replaced whole (written beside it,
 * then moved) whenever it changes, so a crash never leaves half a seed.
 */
public final class SeedRecorder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Account> callers = new LinkedHashMap<>();
    private final Map<String, Map<String, Image>> images = new LinkedHashMap<>();
    /** The URL ExportImage answered, per account and image, shown once a status says Exported. */
    private final Map<String, URI> exportUrls = new LinkedHashMap<>();

    public SeedRecorder(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** Learns from one successful JSON answer to {@code caller}; other answers teach nothing. */
    public synchronized void record(Account caller, Exchange exchange, JsonNode answer) {
        if (!exchange.succeeded() || answer == null || !answer.isObject() || exchange.action() == null) {
            return;
        }
        boolean changed = callers.putIfAbsent(caller.id(), caller) == null;
        Map<String, Image> known = images.computeIfAbsent(caller.id(), id -> new LinkedHashMap<>());
        switch (exchange.action()) {
            case "DescribeExportImageInfo" -> {
                for (JsonNode node : answer.path("Images").path("Image")) {
                    changed |= learn(known, node);
                }
            }
            case "ExportImage" -> {
                String imageId = exchange.parameter("ImageId");
                String url = answer.path("ExportedImageURL").asText("");
                if (imageId != null && !url.isEmpty()) {
                    exportUrls.put(caller.id() + '\n' + imageId, URI.create(url));
                    changed |= withStatus(known, imageId, ExportStatus.EXPORTING, Optional.empty());
                }
            }
            case "DescribeExportImageStatus" -> {
                String imageId = exchange.parameter("ImageId");
                Optional<ExportStatus> status = ExportStatus.fromEnsName(answer.path("ImageExportStatus").asText(""));
                if (imageId != null && status.isPresent()) {
                    Optional<URI> url = status.get() == ExportStatus.EXPORTED
                            ? Optional.ofNullable(exportUrls.get(caller.id() + '\n' + imageId))
                                    .or(() -> Optional.ofNullable(known.get(imageId)).flatMap(Image::exportedImageUrl))
                            : Optional.empty();
                    if (status.get() != ExportStatus.EXPORTED || url.isPresent()) {
                        changed |= withStatus(known, imageId, status.get(), url);
                    }
                }
            }
            default -> { }
        }
        if (changed) {
            write();
        }
    }

    /** An image as listed; one the seed format refuses (the answer broke a rule, reported elsewhere) is left out. */
    private static boolean learn(Map<String, Image> known, JsonNode node) {
        try {
            Image image = SeedCodec.imageFromTree(node, "the upstream's answer");
            return !image.equals(known.put(image.imageId(), image));
        } catch (SeedException e) {
            return false;
        }
    }

    private static boolean withStatus(Map<String, Image> known, String imageId, ExportStatus status, Optional<URI> url) {
        Image image = known.get(imageId);
        if (image == null) {
            return false;
        }
        Image updated = new Image(image.imageId(), image.imageName(), image.creationTime(), image.architecture(), image.platform(),
                image.ownerAlias(), status, url);
        return !updated.equals(known.put(imageId, updated));
    }

    /** The recorded accounts, as a seed holds them. */
    public synchronized List<Account> accounts() {
        List<Account> accounts = new ArrayList<>();
        callers.forEach((id, caller) -> accounts.add(new Account(id, caller.accessKeys(), caller.allowedActions(),
                images.get(id).values().stream().sorted(Image.LISTING_ORDER).toList())));
        return accounts;
    }

    /** Writes the seed now (also when nothing was recorded: an empty file says so). */
    public synchronized void write() {
        try {
            Path parent = file.getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
            JSON.writeValue(partial.toFile(), SeedCodec.toTree(accounts()));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recorded seed " + file, e);
        }
    }
}
