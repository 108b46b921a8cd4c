package dev.ensemu.server.auth;

import java.time.Instant;

/** The signature nonces seen within the replay window: kept by this process, or shared by every instance. */
public interface Nonces {
    /** What {@link #register} decided. */
    enum Outcome { FRESH, REPLAYED, FULL }

    /**
     * Records a nonce unless it is live already. It stays live for the window after the later of
     * the request's own time and now, so neither a replay nor a reuse inside the window passes.
     */
    Outcome register(String accessKeyId, String nonce, Instant requestTime);
}
