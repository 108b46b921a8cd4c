package dev.ensemu.server.rpc;

import dev.ensemu.server.auth.Caller;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.faults.FaultInjector;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/** Applies injected faults to authenticated ENS calls (any operation): wait, then fail if told to. */
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public final class FaultFilter implements ContainerRequestFilter {
    private final FaultInjector faults;

    public FaultFilter(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = AuthenticationFilter.callerOf(request);
        if (caller == null) {
            return;
        }
        faults.draw(caller.accessKeyId()).ifPresent(effect -> {
            if (!effect.latency().isZero()) {
                try {
                    Thread.sleep(effect.latency().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            effect.error().ifPresent(error -> {
                throw new EnsException(error);
            });
        });
    }
}
