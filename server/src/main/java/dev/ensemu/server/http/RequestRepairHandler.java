package dev.ensemu.server.http;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.rpc.RequestIds;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Makes requests that Jersey's Grizzly container cannot take as they are into ones it can, so
 * that the application answers them in ENS terms instead of Grizzly answering an HTML 500:
 * <ul>
 *   <li>an upgrade offer (the JDK HttpClient's {@code Upgrade: h2c}) is served as plain HTTP/1.1
 *       (Grizzly would drop the Content-Type and close the connection);</li>
 *   <li>a target that is not a valid URI (a malformed {@code %} escape, a character such as
 *       {@code |}) is escaped; the original query is kept in {@link #RAW_QUERY} so the RPC layer
 *       still reports the malformed parameter by name.</li>
 * </ul>
 * A failure that escapes Jersey's container (where Grizzly would answer an HTML page) is answered
 * {@code 500 InternalError} with the ENS envelope and logged once with its RequestId.
 */
public final class RequestRepairHandler extends HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestRepairHandler.class);
    /** Request attribute (and Jersey property) holding the query exactly as it arrived. */
    static final String RAW_QUERY = dev.ensemu.server.rpc.RpcEnvelopeFilter.RAW_QUERY;

    private final HttpHandler next;

    public RequestRepairHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void start() {
        next.start();
    }

    @Override
    public void destroy() {
        next.destroy();
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        HttpRequestPacket packet = request.getRequest();
        if (packet.isUpgrade()) {
            packet.getUpgradeDC().recycle();
            packet.setIgnoreContentModifiers(false);
        }
        String query = packet.getQueryString();
        if (query != null) {
            String safe = uriSafe(query);
            if (!safe.equals(query)) {
                request.setAttribute(RAW_QUERY, query);
                packet.setQueryString(safe);
            }
        }
        String path = packet.getRequestURI();
        String safePath = uriSafe(path);
        if (!safePath.equals(path)) {
            packet.setRequestURI(safePath);
        }
        try {
            next.service(request, response);
        } catch (RuntimeException failure) {
            if (response.isCommitted()) {
                throw failure;
            }
            String requestId = RequestIds.newId();
            LOG.error("RequestId {}: unexpected failure below the application", requestId, failure);
            byte[] body = ErrorBodies.json(new EnsException(EnsError.INTERNAL_ERROR), requestId, null);
            response.reset();
            response.setStatus(500);
            response.setContentType(ErrorBodies.CONTENT_TYPE);
            response.setHeader(RequestIds.HEADER, requestId);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** Keeps valid escapes and URI characters, escapes everything else (a lone {@code %} becomes {@code %25}). */
    static String uriSafe(String raw) {
        StringBuilder safe = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean validEscape = c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2));
            if (validEscape || (c != '%' && isUriChar(c))) {
                if (safe != null) {
                    safe.append(c);
                }
                continue;
            }
            if (safe == null) {
                safe = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                safe.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return safe == null ? raw : safe.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** RFC 3986 characters allowed in a path or query, besides {@code %}; a table, as this runs on every request. */
    private static final boolean[] URI_CHARS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            URI_CHARS[c] = true;
            URI_CHARS[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            URI_CHARS[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=:@/?".toCharArray()) {
            URI_CHARS[c] = true;
        }
    }

    private static boolean isUriChar(char c) {
        return c < 128 && URI_CHARS[c];
    }
}
