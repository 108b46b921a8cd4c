package dev.ensemu.server.faults;

import dev.ensemu.server.domain.EnsError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults in ENS terms. Call faults: an error answer, added latency, or both, for the next N RPC
 * calls or with a probability drawn from a seeded sequence (so runs repeat), optionally only for
 * one AccessKey; the first matching fault that fires applies. Export faults: the next N exports of
 * one image, or of any image ({@code *}), end in {@code ExportError}. The faults live in a
 * {@link FaultLedger}, so with a shared one a fault set through one instance fires on any.
 */
public final class FaultInjector {
    /** The errors a fault may answer with. */
    public static final List<EnsError> INJECTABLE = List.of(EnsError.INTERFACE_ERROR, EnsError.CALL_INTERFACE,
            EnsError.THROTTLING_USER, EnsError.INTERNAL_ERROR);
    public static final Duration MAX_LATENCY = Duration.ofMinutes(1);

    /** Export faults naming this ImageId fail the export of any image. */
    public static final String ANY_IMAGE = "*";

    /**
     * A fault as declared, with how many calls it still applies to (times faults) and how many
     * calls it has been drawn for (probability faults: the n-th draw is a function of seed and n).
     *
     * @param failExport an export fault's ImageId (or {@link #ANY_IMAGE}); empty for a call fault
     */
    public record Fault(String id, Optional<EnsError> error, Duration latency, Optional<Integer> remaining,
            Optional<Double> probability, long seed, Optional<String> accessKeyId, long draws, Optional<String> failExport) {

        Fault withRemaining(Optional<Integer> left, long drawn) {
            return new Fault(id, error, latency, left, probability, seed, accessKeyId, drawn, failExport);
        }

        /** The n-th number of this fault's sequence, uniform in [0, 1): SplitMix64 of seed and n. */
        double chance(long n) {
            long z = seed + (n + 1) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            return (z >>> 11) * 0x1.0p-53;
        }
    }

    /** What a firing fault does to one call. */
    public record Effect(Duration latency, Optional<EnsError> error) {}

    private final FaultLedger ledger;

    public FaultInjector(FaultLedger ledger) {
        this.ledger = ledger;
    }

    public FaultInjector() {
        this(new FaultLedger.InMemory());
    }

    /**
     * @param times       apply to the next this many matching calls (or give {@code probability})
     * @param probability apply to each matching call with this probability
     */
    public Fault add(Optional<EnsError> error, Duration latency, Optional<Integer> times, Optional<Double> probability,
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
        return remember(new Fault("f-" + ledger.nextNumber(), error, latency, times, probability, seed, accessKeyId, 0,
                Optional.empty()));
    }

    /**
     * The next {@code times} exports of {@code imageId} ({@link #ANY_IMAGE}: of any image) end in
     * ExportError, optionally only exports asked for with one AccessKey.
     */
    public Fault failExports(String imageId, int times, Optional<String> accessKeyId) {
        if (imageId.isEmpty()) {
            throw new IllegalArgumentException("failExport: must be an ImageId or *");
        }
        if (times < 1) {
            throw new IllegalArgumentException("times: must be at least 1");
        }
        return remember(new Fault("f-" + ledger.nextNumber(), Optional.empty(), Duration.ZERO, Optional.of(times), Optional.empty(),
                0, accessKeyId, 0, Optional.of(imageId)));
    }

    /** Whether an export of this image, asked for with this key, is to fail; uses up one of the fault's times. */
    public boolean drawExportFailure(String imageId, Optional<String> accessKeyId) {
        if (!ledger.mayHaveFaults()) {
            return false;
        }
        return ledger.update(faults -> {
            List<Fault> next = new ArrayList<>(faults);
            for (int i = 0; i < next.size(); i++) {
                Fault fault = next.get(i);
                boolean matches = fault.failExport().filter(id -> id.equals(ANY_IMAGE) || id.equals(imageId)).isPresent()
                        && (fault.accessKeyId().isEmpty() || fault.accessKeyId().equals(accessKeyId));
                if (matches) {
                    useOnce(next, i);
                    return new FaultLedger.Updated<>(next, true);
                }
            }
            return new FaultLedger.Updated<>(next, false);
        });
    }

    private Fault remember(Fault fault) {
        return ledger.update(faults -> {
            List<Fault> next = new ArrayList<>(faults);
            next.add(fault);
            return new FaultLedger.Updated<>(next, fault);
        });
    }

    public List<Fault> list() {
        return ledger.list();
    }

    public void clear() {
        ledger.update(faults -> new FaultLedger.Updated<>(List.of(), null));
    }

    /** Decides whether a call made with this key (empty when unsigned) meets a fault. */
    public Optional<Effect> draw(Optional<String> accessKeyId) {
        if (!ledger.mayHaveFaults()) {
            return Optional.empty();
        }
        return ledger.update(faults -> draw(faults, accessKeyId));
    }

    private static FaultLedger.Updated<Optional<Effect>> draw(List<Fault> faults, Optional<String> accessKeyId) {
        List<Fault> next = new ArrayList<>(faults);
        for (int i = 0; i < next.size(); i++) {
            Fault fault = next.get(i);
            if (fault.failExport().isPresent() || fault.accessKeyId().isPresent() && !fault.accessKeyId().equals(accessKeyId)) {
                continue;
            }
            Effect effect = new Effect(fault.latency(), fault.error());
            if (fault.probability().isPresent()) {
                next.set(i, fault.withRemaining(fault.remaining(), fault.draws() + 1));
                if (fault.chance(fault.draws()) < fault.probability().get()) {
                    return new FaultLedger.Updated<>(next, Optional.of(effect));
                }
                continue;
            }
            useOnce(next, i);
            return new FaultLedger.Updated<>(next, Optional.of(effect));
        }
        return new FaultLedger.Updated<>(next, Optional.empty());
    }

    /** Counts one use of a times fault; the last use removes it. */
    private static void useOnce(List<Fault> faults, int i) {
        Fault fault = faults.get(i);
        int left = fault.remaining().orElseThrow() - 1;
        if (left == 0) {
            faults.remove(i);
        } else {
            faults.set(i, fault.withRemaining(Optional.of(left), fault.draws()));
        }
    }
}
