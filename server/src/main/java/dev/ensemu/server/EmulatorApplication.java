package dev.ensemu.server;

import dev.ensemu.server.auth.AuthenticationFilter;
import dev.ensemu.server.auth.Authenticator;
import dev.ensemu.server.auth.NonceRegistry;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.AccountDirectory;
import dev.ensemu.server.domain.ImageCatalog;
import dev.ensemu.server.rpc.DescribeExportImageInfoResource;
import dev.ensemu.server.rpc.EnsBodyWriter;
import dev.ensemu.server.rpc.EnsExceptionMapper;
import dev.ensemu.server.rpc.RequestIdResponseFilter;
import dev.ensemu.server.rpc.RpcEnvelopeFilter;
import dev.ensemu.server.rpc.StrictIntegerConverterProvider;
import dev.ensemu.server.seed.SeedLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The one place the application is wired, used by {@link Main} (through {@link EnsEmulator}) and by tests. */
public final class EmulatorApplication {
    private final ImageCatalog catalog;
    private final AccountDirectory directory;
    private final ResourceConfig resourceConfig;

    private EmulatorApplication(EmulatorConfig config, List<Account> accounts) {
        Map<String, List<dev.ensemu.server.domain.Image>> images = new LinkedHashMap<>();
        accounts.forEach(account -> images.put(account.id(), account.images()));
        this.catalog = new ImageCatalog(images);
        this.directory = new AccountDirectory(accounts);
        NonceRegistry nonces = new NonceRegistry(config.clock(), Authenticator.WINDOW, config.nonceCapacity());
        Authenticator authenticator = new Authenticator(directory, config.auth(), config.clock(), nonces);

        this.resourceConfig = new ResourceConfig()
                .register(new RpcEnvelopeFilter())
                .register(new AuthenticationFilter(authenticator))
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(catalog).to(ImageCatalog.class);
                    }
                })
                // Registered as a class: Jersey warns about resources registered as instances.
                .register(DescribeExportImageInfoResource.class)
                .register(new StrictIntegerConverterProvider())
                .register(new EnsBodyWriter())
                .register(EnsExceptionMapper.class)
                .register(new RequestIdResponseFilter())
                // No WADL, no auto-discovered features: the answers are exactly the ones above.
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true)
                .property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
    }

    /** Loads the configured seed (or the bundled one) and wires the application around it. */
    public static EmulatorApplication create(EmulatorConfig config) {
        List<Account> accounts = config.seed().map(SeedLoader::load).orElseGet(SeedLoader::bundled);
        return new EmulatorApplication(config, accounts);
    }

    public ResourceConfig resourceConfig() {
        return resourceConfig;
    }

    public ImageCatalog catalog() {
        return catalog;
    }

    public AccountDirectory directory() {
        return directory;
    }
}
