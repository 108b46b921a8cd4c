package dev.ensemu.server.rpc;

import dev.ensemu.api.control.model.ControlError;
import dev.ensemu.api.model.ErrorResponse;
import dev.ensemu.server.control.AdminTokenFilter;
import dev.ensemu.server.control.ControlPlaneException;
import dev.ensemu.server.state.StateException;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become answers: every exception is translated to an {@link EnsException}
 * and rendered as the Alibaba error envelope, in XML only when the request asked for XML.
 * Unexpected failures are logged once with the RequestId the client sees.
 */
public final class EnsExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(EnsExceptionMapper.class);

    @Inject
    private Provider<ContainerRequestContext> request;

    @Override
    public Response toResponse(Throwable failure) {
        ContainerRequestContext context = request.get();
        String requestId = RequestIds.of(context);
        if (AdminTokenFilter.isControlPlane(context)) {
            return controlPlaneError(failure, requestId);
        }
        EnsException error = translate(failure, requestId);
        RpcCall call = RpcCall.of(context);
        ResponseFormat format = call == null ? ResponseFormat.JSON : call.format();
        ErrorResponse body = envelope(error, requestId, context.getHeaderString(HttpHeaders.HOST));
        return Response.status(error.status()).entity(body).type(format.mediaType()).build();
    }

    private static EnsException translate(Throwable failure, String requestId) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EnsException ens) {
                return ens;
            }
        }
        if (failure instanceof ParamException param) {
            return new EnsException(EnsError.INVALID_PARAMETER_FIELD, param.getParameterName());
        }
        if (failure instanceof NotFoundException || failure instanceof NotAllowedException) {
            return new EnsException(EnsError.INVALID_ACTION);
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return new EnsException(EnsError.INVALID_PARAMETER, web.getMessage());
        }
        LOG.error("RequestId {}: unexpected failure", requestId, failure);
        return new EnsException(EnsError.INTERNAL_ERROR);
    }

    /** The control plane answers in its own shape, {@code {"code","message"}}. */
    private static Response controlPlaneError(Throwable failure, String requestId) {
        int status;
        String code;
        String message;
        if (failure instanceof StateException refused) {
            failure = ControlPlaneException.of(refused);
        }
        if (failure instanceof ControlPlaneException control) {
            status = control.kind().status();
            code = control.kind().code();
            message = control.getMessage();
        } else if (failure instanceof EnsException unavailable && unavailable.status() == 503) {
            status = 503;
            code = unavailable.code();
            message = "the shared database cannot be reached; nothing was changed, try again";
        } else if (failure instanceof NotFoundException) {
            status = 404;
            code = ControlPlaneException.Kind.NOT_FOUND.code();
            message = "no such control-plane operation";
        } else if (failure instanceof NotAllowedException) {
            status = 405;
            code = "MethodNotAllowed";
            message = "this control-plane path does not take that method";
        } else if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            status = web.getResponse().getStatus();
            code = ControlPlaneException.Kind.INVALID_FIELD.code();
            message = String.valueOf(web.getMessage());
        } else {
            LOG.error("RequestId {}: unexpected control-plane failure", requestId, failure);
            status = 500;
            code = "InternalError";
            message = "unexpected failure, logged with RequestId " + requestId;
        }
        return Response.status(status).entity(new ControlError().code(code).message(message))
                .type(ResponseFormat.JSON.mediaType()).build();
    }

    /** The Alibaba error envelope of an error; also used by the HTTP level for requests that never reach Jersey. */
    public static ErrorResponse envelope(EnsException error, String requestId, String hostHeader) {
        return new ErrorResponse()
                .requestId(requestId)
                .hostId(hostId(hostHeader))
                .code(error.code())
                .message(error.getMessage())
                .recommend("https://api.aliyun.com/troubleshoot?q=" + error.code() + "&product=Ens");
    }

    private static String hostId(String host) {
        if (host == null || host.isBlank()) {
            return "localhost";
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }
}
