package dev.ensemu.server.state;

import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.AccountDirectory;
import dev.ensemu.server.storage.Storage;
import java.time.Clock;
import java.util.List;

/**
 * The emulator's state, served from memory and kept by a {@link Storage}, in rooms with one job
 * each: the ENS operations ({@link ImageOperations}), the control plane's reads and writes
 * ({@link ControlPlaneWrites}), bringing in other instances' writes ({@link StorageCatchUp}); timed
 * exports end lazily on the way ({@code ExportSettling}), all on one in-memory model.
 */
public final class EmulatorState {
    private final StateModel model;
    private final ImageOperations operations;
    private final ControlPlaneWrites controlPlane;
    private final StorageCatchUp catchUp;

    private EmulatorState(StateModel model) {
        this.model = model;
        ExportSettling settling = new ExportSettling(model);
        this.catchUp = new StorageCatchUp(model);
        this.operations = new ImageOperations(model, settling);
        this.controlPlane = new ControlPlaneWrites(model, settling, catchUp);
    }

    /**
     * The state the storage holds, or the seed when it holds none.
     *
     * @param exportUrlPattern the URL of a finished export; {@code {accountId}}, {@code {imageId}}
     *                         and {@code {imageName}} are replaced
     */
    public static EmulatorState open(List<Account> seed, Storage storage, Clock clock, String exportUrlPattern) {
        StateModel model = new StateModel(seed, clock, storage, exportUrlPattern);
        synchronized (model) {
            model.load(storage.open(seed, model::stored));
            storage.catchUp(System.nanoTime(), model, model::apply);
        }
        return new EmulatorState(model);
    }

    public ImageOperations operations() {
        return operations;
    }

    public ControlPlaneWrites controlPlane() {
        return controlPlane;
    }

    public StorageCatchUp catchUp() {
        return catchUp;
    }

    /** Who owns which AccessKey; replaced as a whole when keys change. */
    public AccountDirectory directory() {
        return model.directory();
    }

    public int imageCount() {
        return model.catalog.size();
    }
}
