package dev.ensemu.server.operations.exportimage;

import dev.ensemu.api.ExportImageApi;
import dev.ensemu.api.model.ExportImageResponse;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.domain.ExportRequest;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.faults.FaultInjector;
import dev.ensemu.server.rpc.Calls;
import dev.ensemu.server.state.ImageOperations;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * ExportImage: starts an export that ends after the configured duration, in ExportError when an
 * export fault says so; answers with the URL the image will have.
 */
public final class ExportImageHandler implements ExportImageApi {
    private final ImageOperations state;
    private final FaultInjector faults;
    private final Duration exportDuration;

    public ExportImageHandler(ImageOperations state, FaultInjector faults, Duration exportDuration) {
        this.state = state;
        this.faults = faults;
        this.exportDuration = exportDuration;
    }

    @Override
    public Response exportImage(String imageId, String ossBucket, String ossRegionId, String ossPrefix, String roleName) {
        ExportRequest request = ExportRequest.of(imageId, ossBucket, ossRegionId, ossPrefix, roleName);
        String accountId = Calls.accountId();
        // Only an export that starts uses up an export fault: the image must be the caller's and not Exporting.
        if (state.settledExportStatus(accountId, request.imageId()) == ExportStatus.EXPORTING) {
            throw new EnsException(EnsError.INCORRECT_IMAGE_STATUS);
        }
        ExportStatus outcome = faults.drawExportFailure(request.imageId(), Calls.accessKeyId())
                ? ExportStatus.EXPORT_ERROR : ExportStatus.EXPORTED;
        return Calls.answer(new ExportImageResponse()
                .exportedImageURL(state.exportImage(accountId, request, exportDuration, outcome).toString())
                .requestId(Calls.requestId()));
    }
}
