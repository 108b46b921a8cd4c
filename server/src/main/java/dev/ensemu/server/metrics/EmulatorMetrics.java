package dev.ensemu.server.metrics;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.journal.JournalEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Prometheus metrics of the RPC calls, the catalog and the process, fed from the same record as the journal. */
public final class EmulatorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final long startedNanos = System.nanoTime();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private boolean jvmMetersBound; // guarded by this

    private final Set<String> actions;
    private final Set<String> parameterCodes;

    /**
     * @param actions    the Actions labelled by name (the operations served)
     * @param parameters their documented parameters, whose {@code InvalidParameter.<Name>} Codes are labelled by name
     */
    public EmulatorMetrics(Set<String> actions, Set<String> parameters, IntSupplier catalogImages) {
        this.actions = Set.copyOf(actions);
        this.parameterCodes = parameters.stream().map(EnsError::invalidParameter).collect(java.util.stream.Collectors.toUnmodifiableSet());
        Gauge.builder("ensemu.catalog.images", catalogImages::getAsInt).description("images across all accounts").register(registry);
        Gauge.builder("ensemu.uptime.seconds", () -> uptime().toNanos() / 1e9).description("seconds since start")
                .register(registry);
    }

    /** Time since the application was wired: the uptime that metrics and health report. */
    public java.time.Duration uptime() {
        return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The label of anything outside the closed sets below. */
    static final String OTHER = "other";

    /**
     * Counts the call by action and Code and times it. Labels come from closed sets (the
     * operations served or {@code other}; the catalogue's Codes, those naming a documented
     * parameter, {@code Success} or {@code other}): a
     * client sending random Actions or provoking odd codes cannot add series.
     */
    public void record(JournalEntry call) {
        String action = call.action().filter(actions::contains).orElse(OTHER);
        String code = call.code().equals(JournalEntry.SUCCESS) || EnsError.isCatalogued(call.code())
                || parameterCodes.contains(call.code()) ? call.code() : OTHER;
        // Meters are looked up once per label set: building a meter id on every call would cost more than counting.
        counters.computeIfAbsent(action + '\n' + code, key -> Counter.builder("ensemu.requests")
                .description("RPC calls by action and answer Code").tag("action", action).tag("code", code)
                .register(registry)).increment();
        timers.computeIfAbsent(action, key -> Timer.builder("ensemu.request.duration").description("time to answer an RPC call")
                .tag("action", action).publishPercentileHistogram().register(registry)).record(call.latencyMillis(), TimeUnit.MILLISECONDS);
    }

    /** Counts a violation an upstream's answer showed, by check (a closed set: XCH-01..). */
    public void violation(String check) {
        counters.computeIfAbsent("violation\n" + check, key -> Counter.builder("ensemu.upstream.violations")
                .description("upstream answers breaking a single-exchange rule, by check").tag("check", check)
                .register(registry)).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        bindJvmMeters();
        return registry.scrape();
    }

    /**
     * The JVM's memory and thread meters are bound at the first scrape, not at start-up: their
     * management beans are slow to load, and their gauges are read only when scraped anyway.
     */
    private synchronized void bindJvmMeters() {
        if (!jvmMetersBound) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            jvmMetersBound = true;
        }
    }
}
