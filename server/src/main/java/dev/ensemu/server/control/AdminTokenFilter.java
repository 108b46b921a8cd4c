package dev.ensemu.server.control;

import dev.ensemu.server.state.ControlPlaneException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards {@code /_emulator/}: every operation but health and metrics needs {@code Authorization: Bearer
 * <token>}; with the control plane disabled the whole namespace is not found.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AdminTokenFilter implements ContainerRequestFilter {
    /** The path prefix of the control plane (without the leading slash, as Jersey reports paths). */
    public static final String PREFIX = "_emulator";

    private final Optional<String> token;

    /** @param token the admin token, or empty when the control plane is off */
    public AdminTokenFilter(Optional<String> token) {
        this.token = token;
    }

    public static boolean isControlPlane(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isControlPlane(request)) {
            return;
        }
        if (token.isEmpty()) {
            throw new ControlPlaneException(ControlPlaneException.Kind.NOT_FOUND, "the control plane is disabled (--no-admin)");
        }
        String path = request.getUriInfo().getPath();
        if (path.equals(PREFIX + "/health") || path.equals(PREFIX + "/metrics")) {
            return;
        }
        String given = Optional.ofNullable(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse("");
        byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.UTF_8))) {
            throw new ControlPlaneException(ControlPlaneException.Kind.UNAUTHORIZED,
                    "the control plane needs Authorization: Bearer <admin token>");
        }
    }
}
