package dev.ensemu.server.faults;

import dev.ensemu.server.domain.EnsError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Faults for DescribeExportImageInfo in ENS terms: an error answer, added latency, or both, for
 * the next N calls or with a probability drawn from a seeded random source (so runs repeat),
 * optionally only for one AccessKey. The first matching fault that fires applies.
 */
public final class FaultInjector {
    /** The errors a fault may answer with. */
    public static final List<EnsError> INJECTABLE = List.of(EnsError.INTERFACE_ERROR, EnsError.CALL_INTERFACE,
            EnsError.THROTTLING_USER, EnsError.INTERNAL_ERROR);
    public static final Duration MAX_LATENCY = Duration.ofMinutes(1);

    /** A fault as declared, with how many calls it still applies to (times faults only). */
    public record Fault(String id, Optional<EnsError> error, Duration latency, Optional<Integer> remaining,
            Optional<Double> probability, long seed, Optional<String> accessKeyId) {}

    /** What a firing fault does to one call. */
    public record Effect(Duration latency, Optional<EnsError> error) {}

    private static final class Active {
        Fault fault;
        final Random random;

        Active(Fault fault) {
            this.fault = fault;
            this.random = new Random(fault.seed());
        }
    }

    private final List<Active> active = new ArrayList<>();
    private int nextId = 1;

    /**
     * @param times       apply to the next this many matching calls (or give {@code probability})
     * @param probability apply to each matching call with this probability
     */
    public synchronized Fault add(Optional<EnsError> error, Duration latency, Optional<Integer> times, Optional<Double> probability,
            long seed, Optional<String> accessKeyId) {
        if (error.isEmpty() && latency.isZero()) {
            throw new IllegalArgumentException("code or latencyMillis: a fault needs an error code, a latency, or both");
        }
        if (error.isPresent() && !INJECTABLE.contains(error.get())) {
            throw new IllegalArgumentException("code: must be one of ens.interface.error, CallInterface, Throttling.User, InternalError");
        }
        if (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("latencyMillis: must be from 0 to " + MAX_LATENCY.toMillis());
        }
        if (times.isPresent() == probability.isPresent()) {
            throw new IllegalArgumentException("times or probability: give exactly one of them");
        }
        if (times.isPresent() && times.get() < 1) {
            throw new IllegalArgumentException("times: must be at least 1");
        }
        if (probability.isPresent() && !(probability.get() >= 0 && probability.get() <= 1)) {
            throw new IllegalArgumentException("probability: must be from 0 to 1");
        }
        Fault fault = new Fault("f-" + nextId++, error, latency, times, probability, seed, accessKeyId);
        active.add(new Active(fault));
        return fault;
    }

    public synchronized List<Fault> list() {
        return active.stream().map(a -> a.fault).toList();
    }

    public synchronized void clear() {
        active.clear();
    }

    /** Decides whether a call made with this key (empty when unsigned) meets a fault. */
    public synchronized Optional<Effect> draw(Optional<String> accessKeyId) {
        for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
            Active candidate = it.next();
            Fault fault = candidate.fault;
            if (fault.accessKeyId().isPresent() && !fault.accessKeyId().equals(accessKeyId)) {
                continue;
            }
            if (fault.probability().isPresent()) {
                if (candidate.random.nextDouble() < fault.probability().get()) {
                    return Optional.of(new Effect(fault.latency(), fault.error()));
                }
                continue;
            }
            int left = fault.remaining().orElseThrow() - 1;
            if (left == 0) {
                it.remove();
            } else {
                candidate.fault = new Fault(fault.id(), fault.error(), fault.latency(), Optional.of(left), fault.probability(),
                        fault.seed(), fault.accessKeyId());
            }
            return Optional.of(new Effect(fault.latency(), fault.error()));
        }
        return Optional.empty();
    }
}
