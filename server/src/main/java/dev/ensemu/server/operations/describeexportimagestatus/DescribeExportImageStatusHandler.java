package dev.ensemu.server.operations.describeexportimagestatus;

import dev.ensemu.api.DescribeExportImageStatusApi;
import dev.ensemu.api.model.DescribeExportImageStatusResponse;
import dev.ensemu.api.model.ImageExportStatus;
import dev.ensemu.server.domain.ExportRequest;
import dev.ensemu.server.rpc.Calls;
import dev.ensemu.server.state.EmulatorState;
import jakarta.ws.rs.core.Response;

/** DescribeExportImageStatus: the export status of one of the caller's images. */
public final class DescribeExportImageStatusHandler implements DescribeExportImageStatusApi {
    private final EmulatorState state;

    public DescribeExportImageStatusHandler(EmulatorState state) {
        this.state = state;
    }

    @Override
    public Response describeExportImageStatus(String imageId, String format) {
        String id = ExportRequest.requireImageId(imageId);
        return Calls.answer(new DescribeExportImageStatusResponse()
                .imageExportStatus(ImageExportStatus.fromValue(state.exportStatus(Calls.accountId(), id).ensName()))
                .requestId(Calls.requestId()));
    }

    /** Never called: the envelope turns every POST into the GET form once query and body are merged. */
    @Override
    public Response describeExportImageStatusByForm(String imageId, String format) {
        return describeExportImageStatus(imageId, format);
    }
}
