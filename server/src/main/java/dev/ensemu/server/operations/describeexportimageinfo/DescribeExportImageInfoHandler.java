package dev.ensemu.server.operations.describeexportimageinfo;

import dev.ensemu.api.DescribeExportImageInfoApi;
import dev.ensemu.server.domain.ImageQuery;
import dev.ensemu.server.rpc.Calls;
import dev.ensemu.server.state.ImageOperations;
import jakarta.ws.rs.core.Response;

/** DescribeExportImageInfo: translates parameters to a query and the page to the ENS answer. */
public final class DescribeExportImageInfoHandler implements DescribeExportImageInfoApi {
    private final ImageOperations state;

    public DescribeExportImageInfoHandler(ImageOperations state) {
        this.state = state;
    }

    /** PageNumber and PageSize arrive with the document's defaults filled in when the caller gave none. */
    @Override
    public Response describeExportImageInfo(String imageId, String imageName, Integer pageNumber, Integer pageSize) {
        ImageQuery query = ImageQuery.of(imageId, imageName, pageNumber, pageSize);
        return Calls.answer(ImageViews.toResponse(state.describeExportImageInfo(Calls.accountId(), query), Calls.requestId()));
    }
}
