package dev.ensemu.server.rpc;

import dev.ensemu.server.state.EmulatorState;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Before a call is authenticated, brings in what other instances wrote (keys, images, faults), so
 * a write acknowledged anywhere is seen by this call. Without a shared storage it does nothing.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class StateRefreshFilter implements ContainerRequestFilter {
    private final EmulatorState state;

    public StateRefreshFilter(EmulatorState state) {
        this.state = state;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (RpcCall.of(request) != null) {
            state.refresh();
        }
    }
}
