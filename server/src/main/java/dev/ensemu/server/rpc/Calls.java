package dev.ensemu.server.rpc;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** What a handler may know of the call it serves, read from the request this thread is serving. */
public final class Calls {
    private Calls() {}

    /** The account of the authenticated caller. */
    public static String accountId() {
        return AuthenticationFilter.callerOf(CurrentRequest.get()).account().id();
    }

    /** The AccessKeyId that signed the call; empty when anonymous. */
    public static Optional<String> accessKeyId() {
        return AuthenticationFilter.callerOf(CurrentRequest.get()).accessKeyId();
    }

    public static String requestId() {
        return RequestIds.of(CurrentRequest.get());
    }

    /** A success answer in the format the call asked for. */
    public static Response answer(Object body) {
        return Response.ok(body, RpcCall.of(CurrentRequest.get()).format().mediaType()).build();
    }
}
