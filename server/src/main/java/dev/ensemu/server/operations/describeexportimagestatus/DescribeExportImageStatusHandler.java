package dev.ensemu.server.operations.describeexportimagestatus;

import dev.ensemu.api.DescribeExportImageStatusApi;
import dev.ensemu.api.model.DescribeExportImageStatusResponse;
import dev.ensemu.server.rpc.Calls;
import dev.ensemu.server.state.ImageOperations;
import jakarta.ws.rs.core.Response;

/** DescribeExportImageStatus: the export status of one of the caller's images. */
public final class DescribeExportImageStatusHandler implements DescribeExportImageStatusApi {
    private final ImageOperations state;

    public DescribeExportImageStatusHandler(ImageOperations state) {
        this.state = state;
    }

    @Override
    public Response describeExportImageStatus(String imageId) {
        return Calls.answer(new DescribeExportImageStatusResponse()
                .imageExportStatus(DescribeExportImageStatusResponse.ImageExportStatusEnum.fromValue(state.exportStatus(Calls.accountId(), imageId).ensName()))
                .requestId(Calls.requestId()));
    }
}
