package dev.ensemu.server.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.seed.SeedException;
import dev.ensemu.server.seed.SeedLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of a {@code --data-dir}: one JSON document replaced atomically on every acknowledged
 * write (written to a temporary file, forced to disk, renamed over the old one, directory forced).
 * After a crash at any moment the file is either the state before a write or after it. The
 * directory is locked so that two servers never share it.
 */
public final class StateFile implements AutoCloseable {
    static final String FORMAT = "ensemu-state";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Everything that is saved. */
    public record Snapshot(List<Account> accounts, List<PendingExport> pendingExports) {}

    private final Path file;
    private final Path temporary;
    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateFile(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.file = directory.resolve("state.json");
        this.temporary = directory.resolve("state.json.tmp");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) and locks a data directory. */
    public static StateFile open(Path directory) {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new SeedException("data dir " + directory + ": is in use by another ensemu server");
            }
            return new StateFile(directory, channel, lock);
        } catch (IOException e) {
            throw new SeedException("data dir " + directory + ": cannot be used (" + e.getMessage() + ")");
        }
    }

    /** The saved state, or empty for a new directory. Refuses files of another format or version. */
    public Optional<Snapshot> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String source = "state file " + file;
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SeedException(source + ": cannot be read (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new SeedException(source + ": is not an ensemu state file");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new SeedException(source + ": was written in format version " + version + "; this ensemu reads version "
                    + VERSION + " only (move the directory away or use a matching ensemu)");
        }
        ObjectNode accounts = JSON.createObjectNode();
        accounts.set("accounts", root.path("accounts"));
        List<Account> loaded = SeedLoader.accountsFromTree(accounts, source);
        List<PendingExport> pending = new ArrayList<>();
        for (JsonNode p : root.path("pendingExports")) {
            try {
                pending.add(new PendingExport(p.path("accountId").asText(), p.path("imageId").asText(),
                        Instant.parse(p.path("completesAt").asText()),
                        ExportStatus.fromEnsName(p.path("outcome").asText()).orElseThrow(IllegalArgumentException::new)));
            } catch (RuntimeException e) {
                throw new SeedException(source + ": pendingExports: entry " + p + " is invalid");
            }
        }
        return Optional.of(new Snapshot(loaded, pending));
    }

    public void save(Snapshot snapshot) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION).put("savedAt", Instant.now().toString());
        root.setAll(SeedLoader.toTree(snapshot.accounts()));
        ArrayNode pending = root.putArray("pendingExports");
        snapshot.pendingExports().forEach(p -> pending.addObject().put("accountId", p.accountId()).put("imageId", p.imageId())
                .put("completesAt", p.completesAt().toString()).put("outcome", p.outcome().ensName()));
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ownerOnly(temporary);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename atomically", e);
            }
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the state to " + file, e);
        }
    }

    /** The state holds AccessKey secrets: on POSIX systems only the owner may read it. */
    private static void ownerOnly(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
