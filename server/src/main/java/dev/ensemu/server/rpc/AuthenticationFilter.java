package dev.ensemu.server.rpc;

import dev.ensemu.server.auth.Authenticator;
import dev.ensemu.server.auth.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/** Authenticates each RPC call read by the envelope filter and attaches the {@link Caller}; the control plane has its own token. */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
    private static final String CALLER = Caller.class.getName();
    private final Authenticator authenticator;

    public AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RpcCall call = RpcCall.of(request);
        if (call != null) {
            request.setProperty(CALLER, authenticator.authenticate(call));
        }
    }

    /** Who made the request, once authenticated; null before (or for the control plane). */
    public static Caller callerOf(ContainerRequestContext request) {
        return (Caller) request.getProperty(CALLER);
    }
}
