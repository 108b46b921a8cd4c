package dev.ensemu.server.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The last {@code capacity} calls, oldest dropped first: memory stays bounded at any request rate. */
public final class RequestJournal {
    private final int capacity;
    private final ArrayDeque<JournalEntry> entries;

    public RequestJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal size must be at least 1");
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    public synchronized void record(JournalEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** Newest first, filtered by key and by code when given. */
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

    public synchronized void clear() {
        entries.clear();
    }

    public synchronized int size() {
        return entries.size();
    }
}
