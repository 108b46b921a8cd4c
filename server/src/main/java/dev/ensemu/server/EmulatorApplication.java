package dev.ensemu.server;

import dev.ensemu.server.auth.Authenticator;
import dev.ensemu.server.control.AdminTokenFilter;
import dev.ensemu.server.control.ControlPlaneResource;
import dev.ensemu.server.control.ControlPlaneServices;
import dev.ensemu.server.control.JsonBodyReader;
import dev.ensemu.server.docs.DocsResource;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.faults.FaultInjector;
import dev.ensemu.server.journal.Journal;
import dev.ensemu.server.auth.Nonces;
import dev.ensemu.server.storage.StorageHealth;
import dev.ensemu.server.storage.Stores;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import dev.ensemu.server.logging.AccessLog;
import dev.ensemu.server.metrics.EmulatorMetrics;
import dev.ensemu.server.proxy.UpstreamFilter;
import dev.ensemu.server.proxy.UpstreamProxy;
import dev.ensemu.server.rpc.Operation;
import dev.ensemu.server.rpc.Operations;
import dev.ensemu.server.rpc.AuthenticationFilter;
import dev.ensemu.server.rpc.CurrentRequest;
import dev.ensemu.server.rpc.OperationResources;
import dev.ensemu.server.rpc.ParameterFilter;
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
    private final Stores stores;
    private final EmulatorState state;
    private final FaultInjector faults;
    private final Journal journal;
    private final EmulatorMetrics metrics;
    private final Optional<String> adminToken;
    private final ResourceConfig resourceConfig;
    private final JournalFilter journalFilter;
    private final Optional<UpstreamProxy> proxy;

    private EmulatorApplication(EmulatorConfig config, List<Account> seed) {
        // One database connection per worker thread, plus the nonce claimers, the journal writer, the sweeper and the probe.
        this.stores = Stores.open(new Stores.Settings(config.database(), config.dataDir(), config.limits().workerThreads() + 5,
                config.clock(), Authenticator.WINDOW,
                config.replayProtection() ? OptionalInt.of(config.nonceCapacity()) : OptionalInt.empty(),
                config.journalSize(), config.journalMaxBytes()));
        try {
            this.state = EmulatorState.open(seed, stores.state(), config.clock(), config.exportUrlPattern());
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        StartupTimeline.mark("storage and state");
        this.faults = new FaultInjector(stores.faults());
        this.journal = stores.journal();
        Operations operations = ServedOperations.of(state.operations(), faults, config.exportDuration(), config.moreOperations());
        this.metrics = new EmulatorMetrics(operations.all().stream().map(Operation::action).collect(Collectors.toSet()),
                operations.all().stream().flatMap(operation -> operation.parameters().names().stream()).collect(Collectors.toSet()),
                state::imageCount);
        this.adminToken = config.admin()
                ? Optional.of(config.adminToken().orElseGet(() -> HexFormat.of().formatHex(new SecureRandom().generateSeed(16))))
                : Optional.empty();
        Optional<Nonces> nonces = stores.nonces();
        Authenticator authenticator = new Authenticator(state::directory, config.auth(), config.clock(), nonces, state.catchUp()::refresh);
        this.journalFilter = new JournalFilter(journal, metrics, new AccessLog(), config.clock());
        // The upstream judges timestamps by its own clock: forwarded calls are signed with the real time.
        this.proxy = config.proxy().map(p -> new UpstreamProxy(p.upstream(), p.record(), p.violationsReport(), metrics, Clock.systemUTC(),
                Version.current()));

        this.resourceConfig = new ResourceConfig()
                .registerInstances(CurrentRequest.filters().toArray())
                .register(new RpcEnvelopeFilter(operations, config.limits().maxBodyBytes(), config.limits().maxParameters()))
                .register(new AdminTokenFilter(adminToken))
                .register(new AuthenticationFilter(authenticator))
                .register(new FaultFilter(faults))
                .registerInstances(proxy.map(UpstreamFilter::new).stream().toArray())
                .register(new ParameterFilter())
                .register(journalFilter)
                .register(new RequestIdResponseFilter())
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(new ControlPlaneServices(state.controlPlane(), faults, journal, metrics, EmulatorApplication.this::reset, stores.health(),
                                Version.current(), proxy.map(UpstreamProxy::ledger))).to(ControlPlaneServices.class);
                    }
                })
                .registerResources(OperationResources.of(operations))
                // Registered as classes: Jersey warns about resources registered as instances.
                .register(ControlPlaneResource.class)
                .register(DocsResource.class)
                .register(new StrictIntegerConverterProvider())
                .register(new EnsBodyWriter(operations.all()))
                .register(new JsonBodyReader())
                .register(EnsExceptionMapper.class)
                // No WADL, no auto-discovered features: the answers are exactly the ones above.
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        StartupTimeline.mark("application (operations, filters, resource config)");
    }

    /** Loads the configured seed (or the bundled one), opens the storage, and wires the application. */
    public static EmulatorApplication create(EmulatorConfig config) {
        List<Account> seed = config.seed().map(SeedLoader::load).orElseGet(SeedLoader::bundled);
        StartupTimeline.mark("seed");
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

    /** The storage's health (its kind, and why it is unusable if it is). */
    public StorageHealth storage() {
        return stores.health();
    }

    /** The control plane's bearer token, or empty when it is off. */
    public Optional<String> adminToken() {
        return adminToken;
    }

    /** The proxy, when the emulator forwards calls to an upstream. */
    public Optional<UpstreamProxy> proxy() {
        return proxy;
    }

    /** Back to the seed: images and exports, and no faults or journal entries left (shared ones too). */
    public void reset() {
        state.controlPlane().reset();
        faults.clear();
        journal.clear();
        proxy.ifPresent(p -> p.ledger().clear());
    }

    /** Flushes the shared journal and releases the storage (the data directory's lock, the database pool). */
    @Override
    public void close() {
        proxy.ifPresent(UpstreamProxy::close);
        stores.close();
    }
}
