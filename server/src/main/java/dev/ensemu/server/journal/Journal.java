package dev.ensemu.server.journal;

import java.util.List;
import java.util.Optional;

/** The calls an instance (or, shared, every instance) answered, newest first when read. */
public interface Journal {
    void record(JournalEntry entry);

    /** Newest first, filtered by key and by code when given. */
    List<JournalEntry> recent(Optional<String> accessKeyId, Optional<String> code, int limit);

    void clear();
}
