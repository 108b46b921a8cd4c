package dev.ensemu.server.journal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most recent calls, at most {@code capacity} of them and at most {@code maxBytes} of heap
 * (each entry's {@link JournalEntry#estimatedBytes()}), oldest dropped first: memory stays bounded
 * at any request rate and for any request size. Lock-free, since every call records here: each
 * recorder trims after adding, so the bounds hold but for the entries of calls being recorded at
 * that instant (at most one per worker thread).
 */
public final class RequestJournal implements Journal {
    private final int capacity;
    private final long maxBytes;
    private final ConcurrentLinkedDeque<JournalEntry> entries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    public RequestJournal(int capacity, long maxBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal size must be at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("journal max bytes must be at least 1");
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    @Override
    public void record(JournalEntry entry) {
        long entryBytes = entry.estimatedBytes();
        if (entryBytes > maxBytes) {
            return;
        }
        entries.addLast(entry);
        size.incrementAndGet();
        bytes.addAndGet(entryBytes);
        while (size.get() > capacity || bytes.get() > maxBytes) {
            JournalEntry oldest = entries.pollFirst();
            if (oldest == null) {
                return;
            }
            size.decrementAndGet();
            bytes.addAndGet(-oldest.estimatedBytes());
        }
    }

    @Override
    public List<JournalEntry> recent(Optional<String> accessKeyId, Optional<String> code, int limit) {
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
    public void clear() {
        for (JournalEntry oldest = entries.pollFirst(); oldest != null; oldest = entries.pollFirst()) {
            size.decrementAndGet();
            bytes.addAndGet(-oldest.estimatedBytes());
        }
    }

    public int size() {
        return size.get();
    }

    /** The heap the entries are estimated to hold. */
    public long bytes() {
        return bytes.get();
    }
}
