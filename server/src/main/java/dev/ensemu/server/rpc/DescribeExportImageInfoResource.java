package dev.ensemu.server.rpc;

import dev.ensemu.api.EnsApi;
import dev.ensemu.server.auth.Caller;
import dev.ensemu.server.state.EmulatorState;
import dev.ensemu.server.domain.ImageQuery;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/** DescribeExportImageInfo over HTTP: translates parameters to a query and the page to the ENS answer. */
// The generated interface puts @Path on its methods only; Jersey needs a root resource path here.
@Path("/")
@Singleton
public final class DescribeExportImageInfoResource implements EnsApi {
    private final EmulatorState state;

    @Inject
    public DescribeExportImageInfoResource(EmulatorState state) {
        this.state = state;
    }

    @Override
    public Response describeExportImageInfo(String action, String version, String format, String regionId,
            String imageId, String imageName, Integer pageNumber, Integer pageSize, String accessKeyId,
            String signatureMethod, String signatureVersion, String signatureNonce, String timestamp, String securityToken,
            String xAcsAction, String xAcsVersion, String xAcsDate, String xAcsSignatureNonce, String xAcsSecurityToken,
            String xAcsContentSha256) {
        ContainerRequestContext context = CurrentRequest.get();
        ImageQuery query = ImageQuery.of(imageId, imageName, pageNumber, pageSize);
        String accountId = AuthenticationFilter.callerOf(context).account().id();
        ResponseFormat responseFormat = RpcCall.of(context).format();
        return Response.ok(ImageViews.toResponse(state.describeExportImageInfo(accountId, query), RequestIds.of(context)),
                        responseFormat.mediaType())
                .build();
    }

    /**
     * Never reached: {@link RpcEnvelopeFilter} turns every POST into the GET form once query and
     * body are merged. The generated interface still declares it, so it answers as the GET does.
     */
    @Override
    public Response describeExportImageInfoByForm(String xAcsAction, String xAcsVersion, String xAcsDate,
            String xAcsSignatureNonce, String xAcsSecurityToken, String xAcsContentSha256, String action, String version,
            String format, String imageId, String imageName, Integer pageNumber, Integer pageSize, String accessKeyId,
            String signature, String signatureMethod, String signatureVersion, String signatureNonce,
            String timestamp, String securityToken) {
        return describeExportImageInfo(action, version, format, null, imageId, imageName, pageNumber, pageSize,
                accessKeyId, signatureMethod, signatureVersion, signatureNonce, timestamp, securityToken, xAcsAction, xAcsVersion,
                xAcsDate, xAcsSignatureNonce, xAcsSecurityToken, xAcsContentSha256);
    }
}
