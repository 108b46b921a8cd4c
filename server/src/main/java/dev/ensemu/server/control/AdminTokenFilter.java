package dev.ensemu.server.control;

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
 * Guards {@code /_emulator/}: every operation but health, metrics and the documentation needs
 * {@code Authorization: Bearer <token>}; with the control plane disabled the whole namespace is not found.
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

    // Nothing here reads or changes state, or shows a secret.
    private static boolean isPublic(String path) {
        return path.equals(PREFIX + "/health") || path.equals(PREFIX + "/metrics") || path.equals(PREFIX + "/docs")
                || path.startsWith(PREFIX + "/docs/") || path.startsWith(PREFIX + "/openapi/");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isControlPlane(request)) {
            return;
        }
        if (token.isEmpty()) {
            throw new ControlPlaneException(ControlPlaneException.Kind.NOT_FOUND, "the control plane is disabled (--no-admin)");
        }
        if (isPublic(request.getUriInfo().getPath())) {
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
