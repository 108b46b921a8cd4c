package dev.ensemu.server.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The most recent calls, at most {@code capacity} of them and at most {@code maxBytes} of heap
 * (each entry's {@link JournalEntry#estimatedBytes()}), oldest dropped first: memory stays bounded
 * at any request rate and for any request size.
 */
public final class RequestJournal implements Journal {
    private final int capacity;
    private final long maxBytes;
    private final ArrayDeque<JournalEntry> entries;
    private long bytes;

    public RequestJournal(int capacity, long maxBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal size must be at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("journal max bytes must be at least 1");
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.entries = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    @Override
    public synchronized void record(JournalEntry entry) {
        long size = entry.estimatedBytes();
        while (!entries.isEmpty() && (entries.size() >= capacity || bytes + size > maxBytes)) {
            bytes -= entries.removeFirst().estimatedBytes();
        }
        if (size <= maxBytes) {
            entries.addLast(entry);
            bytes += size;
        }
    }

    @Override
    public synchronized List<JournalEntry> recent(Optional<String> accessKeyId, Optional<String> code, int limit) {
        List<JournalEntry> found = new ArrayList<>();
        for (Iterator<JournalEntry> it = entries.descendingIterator(); it.hasNext() && found.size() < limit; ) {
            JournalEntry entry = it.next();
            if (accessKeyId.map(k -> entry.accessKeyId().equals(Optional.of(k))).orElse(true)
                    && code.map(entry.code()::equals).orElse(true)) {
                found.add(entry);
            }
        }
        return found;
    }

    @Override
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The heap the entries are estimated to hold. */
    public synchronized long bytes() {
        return bytes;
    }
}
