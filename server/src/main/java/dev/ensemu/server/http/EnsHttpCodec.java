package dev.ensemu.server.http;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.rpc.JournalFilter;
import dev.ensemu.server.rpc.RequestIds;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.TransferEncoding;
import org.glassfish.grizzly.http.ChunkedTransferEncoding;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.ProcessingState;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.http.HttpCodecFilter.HeaderParsingState;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Grizzly's HTTP/1.1 codec with ENS answers where Grizzly would answer by itself. Grizzly is the
 * only place that sees these requests: they never reach Jersey.
 * <ul>
 *   <li>A malformed request line (a space, CR, LF or NUL in the target, no or an unknown HTTP
 *       version, an absolute-form target, a lower-case method) is {@code 400 BadRequest} instead
 *       of Grizzly's {@code 505}, or of a {@code 200} without Content-Type for HTTP/0.9.</li>
 *   <li>A request whose length a proxy could read differently ({@link RequestFraming}: both
 *       Content-Length and Transfer-Encoding, a coding other than a final {@code chunked}, a
 *       malformed field line or chunk) is {@code 400}, or {@code 501} for a transfer coding
 *       that is not implemented; chunked bodies are read by {@link ChunkedBody}.</li>
 *   <li>An oversize request line is {@code 414}, an oversize header block {@code 431}, any other
 *       broken header or body framing {@code 400}: each with the ENS envelope instead of an empty
 *       body. These requests are broken, so the connection is closed after the answer, and
 *       nothing after them on the connection is read.</li>
 *   <li>Each of these refusals is reported once to the {@link Refusals} (journal, metrics, access
 *       log); the application does not record a request whose body was refused here.</li>
 *   <li>The application's {@code 400} answers keep the connection open, as ENS does: Grizzly
 *       closes after every {@code 400} (Apache httpd's rule), which makes SDK pools reconnect
 *       after each error answer.</li>
 * </ul>
 */
public final class EnsHttpCodec extends HttpServerFilter {
    /** Request attribute (so also a Jersey request property): the error decided while reading the request. */
    private static final String ERROR = JournalFilter.REFUSED_BY_HTTP_CODEC;
    /** Request attribute: the answer is an application error that keeps the connection. */
    private static final String KEEP_OPEN = EnsHttpCodec.class.getName() + ".keepOpen";

    private final int maxHeaderBytes;
    private final Refusals refusals;

    /** Where the requests refused here are reported. */
    @FunctionalInterface
    public interface Refusals {
        void refused(String requestId, String method, EnsException error);
    }

    @SuppressWarnings("deprecation") // the constructor HttpServer itself uses for this filter
    private EnsHttpCodec(NetworkListener listener, int maxHeaderBytes, Refusals refusals) {
        super(listener.isChunkingEnabled(), maxHeaderBytes, null, listener.getKeepAlive(), null, listener.getMaxRequestHeaders(),
                listener.getMaxResponseHeaders());
        this.maxHeaderBytes = maxHeaderBytes;
        this.refusals = refusals;
        for (TransferEncoding encoding : getTransferEncodings()) {
            if (encoding instanceof ChunkedTransferEncoding grizzlys) {
                removeTransferEncoding(grizzlys);
                addTransferEncoding(new ChunkedBody(grizzlys, maxHeaderBytes));
            }
        }
    }

    /** An add-on that puts this codec in place of the listener's own, with the same settings. */
    public static AddOn addOn(Refusals refusals) {
        return (NetworkListener listener, FilterChainBuilder builder) -> {
            int index = builder.indexOfType(HttpServerFilter.class);
            HttpServerFilter original = (HttpServerFilter) builder.get(index);
            EnsHttpCodec codec = new EnsHttpCodec(listener, listener.getMaxHttpHeaderSize(), refusals);
            codec.setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
            codec.setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
            builder.set(index, codec);
        };
    }

    /**
     * ensemu speaks HTTP/1.1 only, so an {@code Upgrade} offer (Java's HttpClient sends
     * {@code Upgrade: h2c} by default) is ignored as RFC 9110 allows. Grizzly would otherwise take
     * the request for an upgraded stream: read its body as raw bytes until the read timeout, then
     * close the connection.
     */
    @Override
    protected void onIncomingUpgrade(FilterChainContext ctx, HttpHeader header) {
        header.getUpgradeDC().recycle();
        header.getHeaders().removeHeader(org.glassfish.grizzly.http.util.Header.Upgrade);
    }

    @Override
    protected boolean onHttpHeaderParsed(HttpHeader header, org.glassfish.grizzly.Buffer buffer, FilterChainContext ctx) {
        HttpRequestPacket request = (HttpRequestPacket) header;
        String problem = requestLineProblem(request);
        if (problem == null) {
            problem = hostProblem(request.getHeaders());
        }
        if (problem != null) {
            request.setAttribute(ERROR, new EnsException(EnsError.MALFORMED_REQUEST, problem));
            return true; // Grizzly then calls onHttpHeaderError
        }
        try {
            RequestFraming.frameBody(request);
        } catch (EnsException refused) {
            request.setAttribute(ERROR, refused);
            return true;
        }
        return super.onHttpHeaderParsed(header, buffer, ctx);
    }

    /**
     * Lets Grizzly parse a header line only once the whole line, and the byte after it, has
     * arrived and passed {@link RequestFraming#fieldLineEnd}; a refusal ends in onHttpHeaderError.
     */
    @Override
    protected boolean parseHeaderFromBytes(HttpHeader header, MimeHeaders headers, HeaderParsingState state, byte[] input, int end) {
        if (state.subState == 0) {
            int from = state.arrayOffset + state.offset;
            if (RequestFraming.fieldLineEnd(input, from, Math.min(end, state.arrayOffset + state.packetLimit)) == RequestFraming.INCOMPLETE) {
                return false;
            }
        }
        return super.parseHeaderFromBytes(header, headers, state, input, end);
    }

    @Override
    protected boolean parseHeaderFromBuffer(HttpHeader header, MimeHeaders headers, HeaderParsingState state, org.glassfish.grizzly.Buffer input) {
        if (state.subState == 0
                && RequestFraming.fieldLineEnd(input, state.offset, Math.min(input.limit(), state.packetLimit)) == RequestFraming.INCOMPLETE) {
            return false;
        }
        return super.parseHeaderFromBuffer(header, headers, state, input);
    }

    /** What is wrong with the request line, or null; checked before Grizzly reads anything from it. */
    static String requestLineProblem(HttpRequestPacket request) {
        String method = request.getMethodDC().toString();
        if (method == null || method.isEmpty() || method.charAt(0) < 'A' || method.charAt(0) > 'Z'
                || !method.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '-' || c == '_')) {
            return "the method must be an upper-case token";
        }
        DataChunk protocol = request.getProtocolDC();
        if (!protocol.equals(Protocol.HTTP_1_1.getProtocolBytes()) && !protocol.equals(Protocol.HTTP_1_0.getProtocolBytes())) {
            return protocol.getLength() == 0 ? "the request line has no HTTP version" : "the HTTP version must be HTTP/1.1 or HTTP/1.0";
        }
        String target = request.getRequestURIRef().getRequestURIBC().toString(StandardCharsets.ISO_8859_1);
        if (!target.startsWith("/") && !(target.equals("*") && request.getMethod() == Method.OPTIONS)) {
            return "the request target must be a path starting with /";
        }
        DataChunk query = request.getQueryStringDC();
        if (hasControlCharacter(target) || (!query.isNull() && hasControlCharacter(query.toString(StandardCharsets.ISO_8859_1)))) {
            return "the request target contains a control character";
        }
        return null;
    }

    /** Grizzly fails with an HTML 500 on a Host it cannot split into name and port, so such heads stop here. */
    static String hostProblem(MimeHeaders headers) {
        int count = 0;
        for (String ignored : headers.values(Header.Host)) {
            count++;
        }
        if (count > 1) {
            return "the request has more than one Host header";
        }
        DataChunk host = headers.getValue(Header.Host);
        if (host != null && !isValidHost(host.toString())) {
            return "the Host header must be a host name or address with an optional port";
        }
        return null;
    }

    /** {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}, nothing else (empty counts as absent). */
    static boolean isValidHost(String host) {
        int portColon;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || !host.substring(1, close).chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return false;
            }
            portColon = close + 1 < host.length() ? close + 1 : -1;
            if (portColon > 0 && host.charAt(portColon) != ':') {
                return false;
            }
        } else {
            portColon = host.indexOf(':');
            String name = portColon < 0 ? host : host.substring(0, portColon);
            if (!name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        if (portColon < 0) {
            return true;
        }
        String port = host.substring(portColon + 1);
        return port.length() <= 9 && port.chars().allMatch(c -> c >= '0' && c <= '9'); // digits, as Grizzly reads them
    }

    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable failure) throws java.io.IOException {
        HttpRequestPacket request = (HttpRequestPacket) header;
        if (request.getAttribute(ERROR) == null) {
            request.setAttribute(ERROR, headerError(request, failure));
        }
        EnsException error = (EnsException) request.getAttribute(ERROR);
        setStatus(request.getResponse(), error.status());
        if (!isKnownVersion(request.getProtocolDC())) {
            request.setProtocol(Protocol.HTTP_1_1); // the answer needs a status line of a version the client reads
        }
        super.onHttpHeaderError(header, ctx, failure);
    }

    private EnsException headerError(HttpRequestPacket request, Throwable failure) {
        if (failure instanceof EnsException refused) {
            return refused;
        }
        if (failure instanceof NumberFormatException) {
            return new EnsException(EnsError.MALFORMED_REQUEST, "the Content-Length must be a decimal number of bytes");
        }
        String reason = String.valueOf(failure.getMessage());
        if (reason.contains("intial line is too large")) { // sic: Grizzly's own spelling
            return new EnsException(EnsError.REQUEST_LINE_TOO_LONG, String.valueOf(maxHeaderBytes));
        }
        if (reason.contains("header is too large")) {
            return new EnsException(EnsError.HEADERS_TOO_LARGE, maxHeaderBytes + " bytes");
        }
        if (failure instanceof MimeHeaders.MaxHeaderCountExceededException) {
            return new EnsException(EnsError.HEADERS_TOO_LARGE, "headers in number");
        }
        if (!isKnownVersion(request.getProtocolDC())) {
            return new EnsException(EnsError.MALFORMED_REQUEST, "the HTTP version must be HTTP/1.1 or HTTP/1.0");
        }
        return new EnsException(EnsError.MALFORMED_REQUEST, "the request head cannot be parsed");
    }

    private static boolean isKnownVersion(DataChunk protocol) {
        return protocol.equals(Protocol.HTTP_1_1.getProtocolBytes()) || protocol.equals(Protocol.HTTP_1_0.getProtocolBytes());
    }

    /**
     * A body whose framing breaks: the error is noted before Grizzly hands the application the
     * broken content (so the application leaves the request to this codec's record), and the
     * connection is closed even when the application has answered already.
     */
    @Override
    protected void onHttpContentError(HttpHeader header, FilterChainContext ctx, Throwable failure) throws java.io.IOException {
        HttpRequestPacket request = (HttpRequestPacket) header;
        boolean answered = request.getResponse().isCommitted();
        if (!answered) {
            request.setAttribute(ERROR, bodyRefusal(failure));
        }
        super.onHttpContentError(header, ctx, failure);
        if (answered) {
            // The answer went out before the body broke, so customizeErrorResponse did not run.
            refusals.refused(RequestIds.newId(), request.getMethodDC().toString(), bodyRefusal(failure));
            request.getProcessingState().getHttpContext().close();
        }
    }

    /** The refusal decided while reading the request, or the generic one for a body Grizzly could not frame. */
    private static EnsException bodyRefusal(Object decided) {
        return decided instanceof EnsException refused ? refused
                : new EnsException(EnsError.MALFORMED_REQUEST, "the request body framing is broken");
    }

    /** Every answer Grizzly makes by itself (then closing the connection) gets the ENS envelope, and is reported once. */
    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        HttpRequestPacket request = response.getRequest();
        Object decided = request.getAttribute(ERROR);
        EnsException error = bodyRefusal(decided);
        String requestId = RequestIds.newId();
        refusals.refused(requestId, request.getMethodDC().isNull() ? "" : request.getMethodDC().toString(), error);
        DataChunk host = request.getHeaders().getValue(Header.Host);
        byte[] body = ErrorBodies.json(error, requestId, host == null || !isValidHost(host.toString()) ? null : host.toString());
        setStatus(response, error.status());
        response.setContentType(ErrorBodies.CONTENT_TYPE);
        response.setHeader(RequestIds.HEADER, requestId);
        response.setContentLength(body.length);
        return HttpContent.builder(response).content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body)).last(true).build();
    }

    private static void setStatus(HttpResponsePacket response, int status) {
        response.setStatus(status);
        response.setReasonPhrase(switch (status) {
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            default -> "Bad Request";
        });
    }

    /** Notes, before Grizzly decides keep-alive, whether this is an application 400 on a connection the client keeps. */
    @Override
    protected org.glassfish.grizzly.Buffer encodeHttpPacket(FilterChainContext ctx, HttpPacket input) {
        HttpResponsePacket response = (HttpResponsePacket) (input.isHeader() ? input : ((HttpContent) input).getHttpHeader());
        if (!response.isCommitted() && response.getStatus() == 400) {
            ProcessingState state = response.getProcessingState();
            boolean applicationAnswer = !state.isError() && response.getRequest().getAttribute(ERROR) == null;
            DataChunk connection = response.getHeaders().getValue(Header.Connection);
            boolean closeAsked = connection != null && connection.equalsIgnoreCase("close");
            if (applicationAnswer && state.isKeepAlive() && !closeAsked) {
                response.getRequest().setAttribute(KEEP_OPEN, Boolean.TRUE);
            }
        }
        return super.encodeHttpPacket(ctx, input);
    }

    /** Undoes Grizzly's "400 drops the connection" once the status line is written and before the headers are. */
    @Override
    protected void onInitialLineEncoded(HttpHeader header, FilterChainContext ctx) {
        super.onInitialLineEncoded(header, ctx);
        HttpResponsePacket response = (HttpResponsePacket) header;
        HttpRequestPacket request = response.getRequest();
        if (request.getAttribute(KEEP_OPEN) == null) {
            return;
        }
        request.removeAttribute(KEEP_OPEN);
        boolean delimited = response.getContentLength() >= 0 || response.isChunked() || !response.isExpectContent();
        if (delimited && !response.getProcessingState().isKeepAlive()) {
            response.getProcessingState().setKeepAlive(true);
            if (request.getProtocol() == Protocol.HTTP_1_1) {
                response.getHeaders().removeHeader(Header.Connection);
            } else {
                response.getHeaders().setValue(Header.Connection).setString("keep-alive");
            }
        }
    }
}
