package dev.ensemu.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ensemu.server.journal.Journal;
import dev.ensemu.server.journal.JournalEntry;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal of every instance, in the shared database. Calls are queued in memory and written
 * in batches off the request path every {@link #FLUSH_MILLIS} ms, so they are visible to every
 * instance within a second. The queue holds at most the journal size, oldest dropped: older calls
 * would be trimmed from the table at once, so at high call rates the database is spared rows
 * nobody could read. The table is trimmed to the journal size every 2 s, and reads return at most
 * that many.
 */
public final class PostgresJournal implements Journal, AutoCloseable {
    static final long FLUSH_MILLIS = 500;

    private final Database database;
    private final int capacity;
    private final ArrayDeque<JournalEntry> queue = new ArrayDeque<>();
    private final Thread flusher;
    private long flushes;

    PostgresJournal(Database database, int capacity) {
        this.database = database;
        this.capacity = capacity;
        this.flusher = new Thread(this::flushUntilClosed, "ensemu-journal-writer");
        flusher.setDaemon(true);
        flusher.start();
    }

    @Override
    public void record(JournalEntry entry) {
        synchronized (queue) {
            if (queue.size() >= capacity) { // older calls would be trimmed from the table at once anyway
                queue.removeFirst();
            }
            queue.addLast(entry);
        }
    }

    /** Reads the shared table after writing this instance's queue, so an instance always sees its own calls. */
    @Override
    public List<JournalEntry> recent(Optional<String> accessKeyId, Optional<String> code, int limit) {
        flush();
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT entry FROM ensemu_journal WHERE (?::text IS NULL OR access_key_id = ?)"
                    + " AND (?::text IS NULL OR code = ?) ORDER BY id DESC LIMIT ?")) {
                s.setString(1, accessKeyId.orElse(null));
                s.setString(2, accessKeyId.orElse(null));
                s.setString(3, code.orElse(null));
                s.setString(4, code.orElse(null));
                s.setInt(5, Math.min(limit, capacity));
                List<JournalEntry> entries = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs.getString(1)));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void clear() {
        synchronized (queue) {
            queue.clear();
        }
        database.read(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM ensemu_journal");
            }
        });
    }

    private void flushUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(FLUSH_MILLIS);
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException databaseDown) {
                // Database reports the outage; the entries stay queued for the next try.
            }
        }
    }

    /** Writes the queued entries in one batch; on failure they go back to the queue's head. */
    synchronized void flush() {
        List<JournalEntry> batch;
        synchronized (queue) {
            batch = new ArrayList<>(queue);
            queue.clear();
        }
        List<JournalEntry> written = batch;
        if (batch.isEmpty()) {
            return;
        }
        try {
            database.transaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_journal (access_key_id, code, entry) VALUES (?, ?, ?)")) {
                    for (JournalEntry entry : written) {
                        s.setString(1, entry.accessKeyId().orElse(null));
                        s.setString(2, entry.code());
                        s.setString(3, json(entry));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                if (++flushes % 4 == 0) { // every 2 s: the table holds at most four flushes beyond the journal size
                    try (PreparedStatement s = c.prepareStatement(
                            "DELETE FROM ensemu_journal WHERE id <= (SELECT max(id) FROM ensemu_journal) - ?")) {
                        s.setLong(1, capacity);
                        s.executeUpdate();
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            synchronized (queue) {
                for (int i = written.size() - 1; i >= 0 && queue.size() < capacity; i--) {
                    queue.addFirst(written.get(i));
                }
            }
            throw e;
        }
    }

    private static String json(JournalEntry entry) {
        ObjectNode node = StateCodec.JSON.createObjectNode().put("time", entry.time().toString()).put("requestId", entry.requestId())
                .put("method", entry.method()).put("signature", entry.signature()).put("status", entry.status())
                .put("code", entry.code()).put("latencyMillis", entry.latencyMillis());
        entry.action().ifPresent(a -> node.put("action", a));
        entry.accessKeyId().ifPresent(k -> node.put("accessKeyId", k));
        ObjectNode parameters = node.putObject("parameters");
        entry.redactedParameters().forEach(parameters::put);
        return node.toString();
    }

    private static JournalEntry entry(String json) throws SQLException {
        try {
            JsonNode node = StateCodec.JSON.readTree(json);
            Map<String, String> parameters = new LinkedHashMap<>();
            node.path("parameters").fields().forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().asText()));
            return new JournalEntry(Instant.parse(node.path("time").asText()), node.path("requestId").asText(),
                    node.path("method").asText(), Optional.ofNullable(node.get("action")).map(JsonNode::asText),
                    Optional.ofNullable(node.get("accessKeyId")).map(JsonNode::asText), node.path("signature").asText(),
                    parameters, node.path("status").asInt(), node.path("code").asText(), node.path("latencyMillis").asLong());
        } catch (IOException | RuntimeException e) {
            throw new SQLException("ensemu_journal holds an entry this ensemu cannot read", e);
        }
    }

    @Override
    public void close() {
        flusher.interrupt();
        try {
            flush();
        } catch (RuntimeException databaseDown) {
            // nothing more can be done at shutdown
        }
    }
}
