package dev.ensemu.server.state;

/**
 * Brings in what other instances wrote, through the storage: for a shared database, every write
 * acknowledged by any instance before a given moment; for the others, nothing to do.
 */
public final class StorageCatchUp {
    private final StateModel model;

    StorageCatchUp(StateModel model) {
        this.model = model;
    }

    /** Everything acknowledged until now (for control-plane reads). */
    public void refresh() {
        refresh(System.nanoTime());
    }

    /**
     * Brings in every write acknowledged (by any instance) before {@code notBeforeNanos}; how
     * cheaply it knows there is none is the storage's business.
     *
     * @return whether anything changed
     */
    public boolean refresh(long notBeforeNanos) {
        return model.storage.catchUp(notBeforeNanos, model, model::apply);
    }
}
