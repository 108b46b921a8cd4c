package dev.ensemu.server.control;

import dev.ensemu.api.control.EmulatorApi;
import dev.ensemu.api.control.model.AccessKeyStatusChange;
import dev.ensemu.api.control.model.AccessKeyView;
import dev.ensemu.api.control.model.AccountSummary;
import dev.ensemu.api.control.model.CheckViolations;
import dev.ensemu.api.control.model.ExportStatusChange;
import dev.ensemu.api.control.model.Fault;
import dev.ensemu.api.control.model.Health;
import dev.ensemu.api.control.model.ImageRecord;
import dev.ensemu.api.control.model.JournalEntry;
import dev.ensemu.api.control.model.StsCredentials;
import dev.ensemu.api.control.model.Violation;
import dev.ensemu.api.control.model.ViolationsSummary;
import dev.ensemu.api.control.model.StsRequest;
import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.SecurityToken;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.faults.FaultInjector;
import dev.ensemu.server.journal.Journal;
import dev.ensemu.server.metrics.EmulatorMetrics;
import dev.ensemu.server.state.ControlPlaneWrites;
import dev.ensemu.server.storage.StorageHealth;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import dev.ensemu.contract.exchange.ViolationLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The control plane over HTTP: translates the generated models to state, fault and journal operations. */
// The generated interface puts @Path on its methods only; Jersey needs a root resource path here.
@Path("/")
@Singleton
public final class ControlPlaneResource implements EmulatorApi {
    private static final MediaType JSON = MediaType.valueOf("application/json;charset=utf-8");
    private static final MediaType PROMETHEUS_TEXT = MediaType.valueOf("text/plain;version=0.0.4;charset=utf-8");
    private final ControlPlaneWrites state;
    private final FaultInjector faults;
    private final Journal journal;
    private final EmulatorMetrics metrics;
    private final Runnable reset;
    private final StorageHealth storage;
    private final String version;
    private final Optional<ViolationLedger> violations;

    @Inject
    public ControlPlaneResource(ControlPlaneServices services) {
        this.state = services.state();
        this.faults = services.faults();
        this.journal = services.journal();
        this.metrics = services.metrics();
        this.reset = services.reset();
        this.storage = services.storage();
        this.version = services.version();
        this.violations = services.violations();
    }

    @Override
    public Response getMetrics() {
        return Response.ok(metrics.scrape(), PROMETHEUS_TEXT).build();
    }

    @Override
    public Response getHealth() {
        Optional<String> problem = storage.problem();
        Health health = new Health().status(problem.isEmpty() ? "UP" : "DOWN").version(version)
                .uptimeSeconds(metrics.uptime().toSeconds()).imageCount(state.imageCount())
                .storage(storage.kind()).reason(problem.orElse(null));
        return Response.status(problem.isEmpty() ? 200 : 503).entity(health).type(JSON).build();
    }

    @Override
    public Response reset() {
        reset.run();
        return Response.noContent().build();
    }

    @Override
    public Response listAccounts() {
        return json(state.accounts().stream().map(a -> new AccountSummary().id(a.id())
                .accessKeyIds(a.accessKeys().stream().map(AccessKey::id).toList())
                .actions(a.allowedActions().stream().sorted().toList())
                .imageCount(a.images().size())).toList());
    }

    @Override
    public Response listImages(String accountId) {
        return json(state.images(accountId).stream().map(ImageRecords::toRecord).toList());
    }

    @Override
    public Response getImage(String accountId, String imageId) {
        return json(ImageRecords.toRecord(state.image(accountId, imageId)));
    }

    @Override
    public Response addImage(String accountId, ImageRecord imageRecord) {
        Image added = state.add(accountId, ImageRecords.toDomain(imageRecord, "image"));
        return Response.status(201).entity(ImageRecords.toRecord(added)).type(JSON).build();
    }

    @Override
    public Response replaceImages(String accountId, List<ImageRecord> imageRecords) {
        if (imageRecords == null) {
            throw invalid("body: a list of images is required");
        }
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < imageRecords.size(); i++) {
            images.add(ImageRecords.toDomain(imageRecords.get(i), "[" + i + "]"));
        }
        state.replace(accountId, images);
        return Response.noContent().build();
    }

    @Override
    public Response deleteImage(String accountId, String imageId) {
        state.delete(accountId, imageId);
        return Response.noContent().build();
    }

    @Override
    public Response changeExportStatus(String accountId, String imageId, ExportStatusChange change) {
        if (change == null || change.getStatus() == null) {
            throw invalid("status: required (Exporting, Exported or ExportError)");
        }
        ExportStatus target = ExportStatus.fromEnsName(change.getStatus().toString()).orElseThrow();
        Optional<Duration> after = Optional.ofNullable(change.getCompleteAfterSeconds()).map(Duration::ofSeconds);
        if (after.isPresent() && (target != ExportStatus.EXPORTING || after.get().isNegative())) {
            throw invalid("completeAfterSeconds: only with status Exporting, and not negative");
        }
        ExportStatus outcome = Optional.ofNullable(change.getOutcome())
                .flatMap(o -> ExportStatus.fromEnsName(o.toString())).orElse(ExportStatus.EXPORTED);
        Optional<URI> url = Optional.ofNullable(change.getExportedImageUrl()).map(ControlPlaneResource::absoluteUrl);
        return json(ImageRecords.toRecord(state.changeExportStatus(accountId, imageId, target, after, outcome, url)));
    }

    @Override
    public Response changeAccessKeyStatus(String accountId, String accessKeyId, AccessKeyStatusChange change) {
        if (change == null || change.getStatus() == null) {
            throw invalid("status: required (Active or Inactive)");
        }
        AccessKey key = state.changeKeyStatus(accountId, accessKeyId, change.getStatus() == AccessKeyStatusChange.StatusEnum.ACTIVE);
        return json(new AccessKeyView().accessKeyId(key.id())
                .status(key.active() ? AccessKeyView.StatusEnum.ACTIVE : AccessKeyView.StatusEnum.INACTIVE)
                .temporary(key.isTemporary())
                .expiration(key.securityToken().map(t -> t.expiration().toString()).orElse(null)));
    }

    @Override
    public Response mintStsCredentials(StsRequest request) {
        if (request == null || request.getAccountId() == null) {
            throw invalid("accountId: required");
        }
        long seconds = Optional.ofNullable(request.getDurationSeconds()).orElse(3600L);
        if (seconds < 1 || seconds > 43_200) {
            throw invalid("durationSeconds: must be from 1 to 43200");
        }
        AccessKey minted = state.mintTemporaryKey(request.getAccountId(), Duration.ofSeconds(seconds));
        SecurityToken token = minted.securityToken().orElseThrow();
        return Response.status(201).entity(new StsCredentials().accessKeyId(minted.id()).accessKeySecret(minted.secret())
                .securityToken(token.value()).expiration(token.expiration().toString())).type(JSON).build();
    }

    @Override
    public Response listFaults() {
        return json(faults.list().stream().map(ControlPlaneResource::toView).toList());
    }

    @Override
    public Response addFault(Fault fault) {
        if (fault == null) {
            throw invalid("body: a fault object is required");
        }
        Optional<EnsError> error = Optional.ofNullable(fault.getCode()).map(code -> Arrays.stream(EnsError.values())
                .filter(e -> e.code().equals(code.toString())).findFirst().orElseThrow());
        try {
            FaultInjector.Fault added = fault.getFailExport() != null ? exportFault(fault)
                    : faults.add(error, Duration.ofMillis(Optional.ofNullable(fault.getLatencyMillis()).orElse(0)),
                    Optional.ofNullable(fault.getTimes()), Optional.ofNullable(fault.getProbability()),
                    Optional.ofNullable(fault.getSeed()).orElse(0L), Optional.ofNullable(fault.getAccessKeyId()));
            return Response.status(201).entity(toView(added)).type(JSON).build();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private FaultInjector.Fault exportFault(Fault fault) {
        if (fault.getCode() != null || fault.getLatencyMillis() != null || fault.getProbability() != null) {
            throw new IllegalArgumentException("failExport: an export fault takes no code, latencyMillis or probability");
        }
        return faults.failExports(fault.getFailExport(), Optional.ofNullable(fault.getTimes()).orElse(1),
                Optional.ofNullable(fault.getAccessKeyId()));
    }

    @Override
    public Response clearFaults() {
        faults.clear();
        return Response.noContent().build();
    }

    @Override
    public Response getJournal(String accessKeyId, String code, Integer limit) {
        if (limit == null || limit < 1 || limit > 100_000) {
            throw invalid("limit: must be from 1 to 100000");
        }
        return json(journal.recent(Optional.ofNullable(accessKeyId), Optional.ofNullable(code), limit).stream()
                .map(e -> new JournalEntry().time(e.time().toString()).requestId(e.requestId()).method(e.method())
                        .action(e.action().orElse(null)).accessKeyId(e.accessKeyId().orElse(null)).signature(e.signature())
                        .parameters(e.redactedParameters()).status(e.status()).code(e.code()).latencyMillis(e.latencyMillis()))
                .toList());
    }

    @Override
    public Response getViolations(Integer limit) {
        if (limit == null || limit < 1 || limit > ViolationLedger.RECENT) {
            throw invalid("limit: must be from 1 to " + ViolationLedger.RECENT);
        }
        ViolationsSummary summary = new ViolationsSummary().proxying(violations.isPresent()).exchanges(0L).violations(0L)
                .byCheck(new ArrayList<>()).latest(new ArrayList<>());
        violations.ifPresent(ledger -> {
            List<dev.ensemu.contract.exchange.Violation> recent = new ArrayList<>(ledger.recent());
            java.util.Collections.reverse(recent);
            summary.upstream(ledger.endpoint()).exchanges(ledger.exchanges()).violations(ledger.total())
                    .byCheck(ledger.byCheck().entrySet().stream().map(e -> new CheckViolations().check(e.getKey().id())
                            .level(e.getKey().level().name()).rules(e.getKey().rules()).count(e.getValue())).toList())
                    .latest(recent.stream().limit(limit).map(v -> new Violation().check(v.check().id()).rules(v.check().rules())
                            .action(v.action()).requestId(v.requestId()).message(v.message())).toList());
        });
        return json(summary);
    }

    private static Fault toView(FaultInjector.Fault fault) {
        return new Fault().id(fault.id())
                .code(fault.error().map(e -> Fault.CodeEnum.fromValue(e.code())).orElse(null))
                .latencyMillis((int) fault.latency().toMillis())
                .remaining(fault.remaining().orElse(null))
                .probability(fault.probability().orElse(null))
                .seed(fault.seed())
                .accessKeyId(fault.accessKeyId().orElse(null))
                .failExport(fault.failExport().orElse(null));
    }

    private static URI absoluteUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.isAbsolute()) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw invalid("exportedImageUrl: must be an absolute URL");
    }

    private static ControlPlaneException invalid(String message) {
        return new ControlPlaneException(ControlPlaneException.Kind.INVALID_FIELD, message);
    }

    private static Response json(Object entity) {
        return Response.ok(entity, JSON).build();
    }
}
