package dev.ensemu.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.seed.SeedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One instance's durable state in a {@code --data-dir}: a snapshot ({@code state.json}) plus an
 * append-only log of the writes since ({@code changes-N.log}, one JSON line per write, forced to
 * disk before the write is acknowledged). A write costs one appended line whatever the catalog's
 * size. The log is folded into a new snapshot at start-up and whenever it outgrows the snapshot
 * (so that cost is spread over at least as many writes as the snapshot has bytes of lines). After a
 * crash at any moment the state is the snapshot plus every complete line of its log; a torn last
 * line was never acknowledged. The directory is locked so that two servers never share it.
 */
final class DataDirStorage implements Storage {
    static final String FORMAT = "ensemu-state";
    static final int VERSION = 1;
    private static final long MIN_LOG_BYTES_BEFORE_COMPACTION = 16L << 20;

    private final Path directory;
    private final Path snapshotFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Supplier<StoredState> current;
    private long generation;
    private FileChannel log;
    private long logBytes;
    private long snapshotBytes;
    private List<StateChange> toReplay = List.of();
    /** Set once the log read at start-up is applied; read without the caller's lock on every call. */
    private volatile boolean replayed;

    private DataDirStorage(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.snapshotFile = directory.resolve("state.json");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) and locks a data directory. */
    public static DataDirStorage open(Path directory) {
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
            return new DataDirStorage(directory, channel, lock);
        } catch (IOException e) {
            throw new SeedException("data dir " + directory + ": cannot be used (" + e.getMessage() + ")");
        }
    }

    /** The snapshot, or the seed for a new directory; the log's writes follow in the first {@link #catchUp}. */
    @Override
    public StoredState open(List<Account> seed, Supplier<StoredState> current) {
        this.current = current;
        if (!Files.exists(snapshotFile)) {
            toReplay = List.of();
            return StoredState.of(seed);
        }
        String source = "state file " + snapshotFile;
        JsonNode root;
        try {
            root = StateCodec.JSON.readTree(snapshotFile.toFile());
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
        generation = root.path("log").asLong(0);
        toReplay = readLog(logFile(generation));
        return StateCodec.state(root, source);
    }

    /** Every complete line of the log; a torn last line (a write cut by a crash) is left out. */
    private List<StateChange> readLog(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<StateChange> changes = new ArrayList<>();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int start = 0;
            int lineNumber = 1;
            for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
                changes.addAll(StateCodec.changes(text.substring(start, end), "log " + file + " line " + lineNumber++));
                start = end + 1;
            }
        } catch (IOException e) {
            throw new SeedException("log " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        return changes;
    }

    /** Replays the log once after start-up and folds it into a fresh snapshot; nothing else writes here. */
    @Override
    public boolean catchUp(long notBeforeNanos, Object lock, Consumer<StateChange> apply) {
        if (replayed) {
            return false;
        }
        synchronized (lock) {
            return replay(apply);
        }
    }

    private boolean replay(Consumer<StateChange> apply) {
        if (replayed) {
            return false;
        }
        toReplay.forEach(apply);
        toReplay = List.of();
        compact();
        replayed = true;
        return true;
    }

    @Override
    public void write(Supplier<List<StateChange>> decide, Consumer<StateChange> apply) {
        replay(apply);
        List<StateChange> changes = decide.get();
        if (changes.isEmpty()) {
            return;
        }
        if (changes.stream().anyMatch(StateChange.Replaced.class::isInstance)) {
            changes.forEach(apply);
            compact();
            return;
        }
        byte[] line = (StateCodec.changes(changes) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                log.write(buffer);
            }
            log.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the log in " + directory, e);
        }
        changes.forEach(apply);
        logBytes += line.length;
        if (logBytes > Math.max(MIN_LOG_BYTES_BEFORE_COMPACTION, snapshotBytes)) {
            compact();
        }
    }

    /** A new snapshot of the whole state that starts a new, empty log; then the old log goes. */
    private void compact() {
        long next = generation + 1;
        ObjectNode root = StateCodec.JSON.createObjectNode().put("format", FORMAT).put("version", VERSION)
                .put("savedAt", Instant.now().toString()).put("log", next);
        root.setAll(StateCodec.state(current.get()));
        try {
            FileChannel nextLog = FileChannel.open(logFile(next), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            ownerOnly(logFile(next));
            byte[] bytes = StateCodec.JSON.writeValueAsBytes(root);
            writeAtomically(snapshotFile, bytes);
            if (log != null) {
                log.close();
            }
            Files.deleteIfExists(logFile(generation));
            log = nextLog;
            generation = next;
            logBytes = 0;
            snapshotBytes = bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the state to " + snapshotFile, e);
        }
    }

    /** Temporary file, forced, renamed over the old one, directory forced: the old file or the new, never a mix. */
    private void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
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
    }

    private Path logFile(long number) {
        return directory.resolve("changes-" + number + ".log");
    }

    /** The state holds AccessKey secrets: on POSIX systems only the owner may read it. */
    private static void ownerOnly(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Override
    public String kind() {
        return "data-dir";
    }

    @Override
    public Optional<String> problem() {
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            if (log != null) {
                log.close();
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
