package dev.ensemu.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.contract.exchange.DocumentSchemas;
import dev.ensemu.contract.exchange.Exchange;
import dev.ensemu.contract.exchange.ExchangeRules;
import dev.ensemu.contract.exchange.Violation;
import dev.ensemu.contract.exchange.ViolationLedger;
import dev.ensemu.contract.report.RunReport;
import dev.ensemu.server.auth.Caller;
import dev.ensemu.server.auth.Hashes;
import dev.ensemu.server.auth.SignatureScheme;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.journal.JournalEntry;
import dev.ensemu.server.metrics.EmulatorMetrics;
import dev.ensemu.server.rpc.RpcCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ensemu between a caller and a real endpoint: each authenticated ENS call goes to the upstream
 * signed with the upstream key, its answer comes back unchanged, and on the way it is held to the
 * contract's single-exchange rules (violations logged, counted, listed and reported) and, with a
 * recorder, teaches the recorded seed.
 */
public final class UpstreamProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamProxy.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamClient client;
    private final ExchangeRules rules = new ExchangeRules(DocumentSchemas.ens());
    private final ViolationLedger ledger;
    private final EmulatorMetrics metrics;
    private final Optional<SeedRecorder> recorder;
    private final Optional<Path> reportDir;
    private final Instant started;
    private final String documentSha256;
    private final String version;

    /** @param version the server's, as reports name it */
    public UpstreamProxy(UpstreamConfig upstream, Optional<Path> record, Optional<Path> reportDir, EmulatorMetrics metrics, Clock clock,
            String version) {
        this.client = new UpstreamClient(upstream, clock);
        this.ledger = new ViolationLedger(client.endpoint().toString());
        this.version = version;
        this.metrics = metrics;
        this.recorder = record.map(SeedRecorder::new);
        this.reportDir = reportDir;
        this.started = clock.instant();
        this.documentSha256 = documentSha256();
    }

    public ViolationLedger ledger() {
        return ledger;
    }

    /**
     * Forwards the call and returns the upstream's answer as it came.
     *
     * @throws EnsException 503 ServiceUnavailable when the upstream did not answer in time, 502 when
     *                      its answer is not HTTP or not an ENS answer (both counted as violations too)
     */
    public Relayed forward(RpcCall call, Caller caller) {
        SignatureScheme scheme = caller.scheme() == SignatureScheme.V1 ? SignatureScheme.V1 : SignatureScheme.V3;
        String action = call.operation().action();
        UpstreamAnswer answer;
        try {
            answer = client.send(new ForwardedCall(call.method(), scheme, action, dev.ensemu.server.rpc.Operation.VERSION,
                    call.query().asMap(), call.form().asMap()));
        } catch (UpstreamFailure failure) {
            LOG.warn("upstream {} failed for {}: {}", ledger.endpoint(), action, failure.getMessage());
            if (failure.kind() == UpstreamFailure.Kind.NOT_HTTP) {
                check(new Exchange(action, call.parameters().asMap(), 0, null, null, new byte[0]));
                throw new EnsException(EnsError.UPSTREAM_NOT_ENS, failure.getMessage());
            }
            throw new EnsException(EnsError.UPSTREAM_UNAVAILABLE, failure.getMessage());
        }
        if ("HEAD".equals(call.method())) {
            return new Relayed(answer, answer.status() < 300 ? JournalEntry.SUCCESS : "HTTP " + answer.status()); // no body to hold to anything
        }
        Exchange exchange = new Exchange(action, call.parameters().asMap(), answer.status(), answer.contentType(), answer.requestId(),
                answer.body());
        ExchangeRules.Verdict verdict = check(exchange);
        if (!verdict.ensShaped()) {
            throw new EnsException(EnsError.UPSTREAM_NOT_ENS, "HTTP " + answer.status() + " with " + answer.body().length
                    + " bytes that are neither JSON nor XML");
        }
        recorder.ifPresent(seed -> seed.record(caller.account(), exchange, json(answer.body())));
        return new Relayed(answer, verdict.code() != null ? verdict.code() : exchange.succeeded() ? JournalEntry.SUCCESS : "HTTP " + answer.status());
    }

    /** An upstream answer to relay, and its Code for the journal and the metrics ({@code Success} for a success). */
    public record Relayed(UpstreamAnswer answer, String code) {}

    private ExchangeRules.Verdict check(Exchange exchange) {
        ExchangeRules.Verdict verdict = rules.inspect(exchange);
        ledger.record(exchange, verdict);
        for (Violation violation : verdict.violations()) {
            LOG.warn("upstream violation {}", violation.describe());
            metrics.violation(violation.check().id());
        }
        return verdict;
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null; // XML: the recorder learns from JSON answers only
        }
    }

    /** The exchanges so far in the conformance suite's report format. */
    public RunReport report(Instant now) {
        return ledger.report(version, documentSha256, "as each caller signed", started, now, DocumentSchemas.ens().actions());
    }

    /** Writes the violations report (when asked for) and the recorded seed (when one was recorded). */
    @Override
    public void close() {
        reportDir.ifPresent(dir -> {
            try {
                report(Instant.now()).writeTo(dir, "violations");
                LOG.info("violations report written to {} ({} violations in {} exchanges)", dir, ledger.total(), ledger.exchanges());
            } catch (IOException e) {
                LOG.error("cannot write the violations report to {}: {}", dir, e.toString());
            }
        });
        recorder.ifPresent(seed -> {
            if (!seed.accounts().isEmpty()) {
                seed.write();
                LOG.info("recorded seed written to {}", seed.file());
            } else {
                LOG.warn("--record {}: no successful answer was relayed, so no seed was written", seed.file());
            }
        });
    }

    private static String documentSha256() {
        try (InputStream in = UpstreamProxy.class.getResourceAsStream(DocumentSchemas.ENS_DOCUMENT)) {
            return Hashes.sha256Hex(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
