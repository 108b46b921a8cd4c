package dev.ensemu.server;

import dev.ensemu.server.auth.Authenticator;
import dev.ensemu.server.auth.NonceRegistry;
import dev.ensemu.server.control.AdminTokenFilter;
import dev.ensemu.server.control.ControlPlaneResource;
import dev.ensemu.server.control.ControlPlaneServices;
import dev.ensemu.server.control.JsonBodyReader;
import dev.ensemu.server.docs.DocsResource;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.faults.FaultInjector;
import dev.ensemu.server.journal.Journal;
import dev.ensemu.server.journal.RequestJournal;
import dev.ensemu.server.faults.FaultLedger;
import dev.ensemu.server.storage.DataDirStorage;
import dev.ensemu.server.storage.MemoryStorage;
import dev.ensemu.server.storage.PostgresStorage;
import dev.ensemu.server.storage.Storage;
import dev.ensemu.server.auth.Nonces;
import java.util.ArrayList;
import dev.ensemu.server.logging.AccessLog;
import dev.ensemu.server.metrics.EmulatorMetrics;
import dev.ensemu.server.rpc.AuthenticationFilter;
import dev.ensemu.server.rpc.CurrentRequest;
import dev.ensemu.server.rpc.DescribeExportImageInfoResource;
import dev.ensemu.server.rpc.FaultFilter;
import dev.ensemu.server.rpc.JournalFilter;
import dev.ensemu.server.rpc.EnsBodyWriter;
import dev.ensemu.server.rpc.EnsExceptionMapper;
import dev.ensemu.server.rpc.RequestIdResponseFilter;
import dev.ensemu.server.rpc.RpcEnvelopeFilter;
import dev.ensemu.server.rpc.StrictIntegerConverterProvider;
import dev.ensemu.server.seed.SeedLoader;
import dev.ensemu.server.state.EmulatorState;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The one place the application is wired, used by {@link Main} (through {@link EnsEmulator}) and by tests. */
public final class EmulatorApplication implements AutoCloseable {
    private final Storage storage;
    private final EmulatorState state;
    private final FaultInjector faults;
    private final Journal journal;
    private final EmulatorMetrics metrics;
    private final Optional<String> adminToken;
    private final ResourceConfig resourceConfig;
    private final JournalFilter journalFilter;
    /** Closed last to first when the application closes. */
    private final List<AutoCloseable> resources = new ArrayList<>();

    private EmulatorApplication(EmulatorConfig config, List<Account> seed) {
        // One connection per worker thread, plus the nonce claimers, the journal writer, the sweeper and the probe.
        Optional<PostgresStorage> shared = config.database().map(url -> PostgresStorage.connect(url, config.limits().workerThreads() + 5));
        this.storage = shared.<Storage>map(s -> s)
                .or(() -> config.dataDir().map(DataDirStorage::open))
                .orElseGet(MemoryStorage::new);
        resources.add(storage);
        try {
            this.state = EmulatorState.open(seed, storage, config.clock(), config.exportUrlPattern());
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        this.faults = new FaultInjector(shared.<FaultLedger>map(PostgresStorage::faults).orElseGet(FaultLedger.InMemory::new));
        this.journal = shared.<Journal>map(s -> remember(s.journal(config.journalSize())))
                .orElseGet(() -> new RequestJournal(config.journalSize(), config.journalMaxBytes()));
        this.metrics = new EmulatorMetrics(RpcEnvelopeFilter.ACTION, state::imageCount);
        this.adminToken = config.admin()
                ? Optional.of(config.adminToken().orElseGet(() -> HexFormat.of().formatHex(new SecureRandom().generateSeed(16))))
                : Optional.empty();
        Optional<Nonces> nonces = !config.replayProtection() ? Optional.empty()
                : Optional.of(shared.<Nonces>map(s -> remember(s.nonces(config.clock(), Authenticator.WINDOW, config.nonceCapacity())))
                        .orElseGet(() -> new NonceRegistry(config.clock(), Authenticator.WINDOW, config.nonceCapacity())));
        Authenticator authenticator = new Authenticator(state::directory, config.auth(), config.clock(), nonces, state::refresh);
        this.journalFilter = new JournalFilter(journal, metrics, new AccessLog(), config.clock());

        this.resourceConfig = new ResourceConfig()
                .register(new CurrentRequest(), CurrentRequest.PRIORITIES)
                .register(new RpcEnvelopeFilter(config.limits().maxBodyBytes(), config.limits().maxParameters()))
                .register(new AdminTokenFilter(adminToken))
                .register(new AuthenticationFilter(authenticator))
                .register(new FaultFilter(faults))
                .register(journalFilter)
                .register(new RequestIdResponseFilter())
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(state).to(EmulatorState.class);
                        bind(new ControlPlaneServices(state, faults, journal, metrics, EmulatorApplication.this::reset, storage,
                                Version.current())).to(ControlPlaneServices.class);
                    }
                })
                // Registered as classes: Jersey warns about resources registered as instances.
                .register(DescribeExportImageInfoResource.class)
                .register(ControlPlaneResource.class)
                .register(DocsResource.class)
                .register(new StrictIntegerConverterProvider())
                .register(new EnsBodyWriter())
                .register(new JsonBodyReader())
                .register(EnsExceptionMapper.class)
                // No WADL, no auto-discovered features: the answers are exactly the ones above.
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
    }

    private <T extends AutoCloseable> T remember(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Loads the configured seed (or the bundled one), opens the storage, and wires the application. */
    public static EmulatorApplication create(EmulatorConfig config) {
        List<Account> seed = config.seed().map(SeedLoader::load).orElseGet(SeedLoader::bundled);
        return new EmulatorApplication(config, seed);
    }

    public ResourceConfig resourceConfig() {
        return resourceConfig;
    }

    /** Records a request the HTTP server refused before it reached the application (journal, metrics, access log). */
    public void recordRefusal(String requestId, String method, EnsException error) {
        journalFilter.refused(requestId, method, error);
    }

    public EmulatorState state() {
        return state;
    }

    public FaultInjector faults() {
        return faults;
    }

    public Journal journal() {
        return journal;
    }

    public EmulatorMetrics metrics() {
        return metrics;
    }

    public Storage storage() {
        return storage;
    }

    /** The control plane's bearer token, or empty when it is off. */
    public Optional<String> adminToken() {
        return adminToken;
    }

    /** Back to the seed: images and exports, and no faults or journal entries left (shared ones too). */
    public void reset() {
        state.reset();
        faults.clear();
        journal.clear();
    }

    /** Flushes the shared journal and releases the storage (the data directory's lock, the database pool). */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing the rest matters more than this one
            }
        }
    }
}
