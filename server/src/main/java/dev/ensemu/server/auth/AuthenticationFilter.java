package dev.ensemu.server.auth;

import dev.ensemu.server.rpc.RpcCall;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/** Authenticates each RPC call read by the envelope filter and attaches the {@link Caller}; the control plane has its own token. */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    private final Authenticator authenticator;

    public AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RpcCall call = RpcCall.of(request);
        if (call != null) {
            authenticator.authenticate(call).attachTo(request);
        }
    }
}
