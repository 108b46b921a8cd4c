package dev.ensemu.server;

import dev.ensemu.api.DescribeExportImageInfoApi;
import dev.ensemu.api.DescribeExportImageStatusApi;
import dev.ensemu.api.ExportImageApi;
import dev.ensemu.api.model.DescribeExportImageInfoRequest;
import dev.ensemu.api.model.DescribeExportImageInfoResponse;
import dev.ensemu.api.model.DescribeExportImageStatusRequest;
import dev.ensemu.api.model.DescribeExportImageStatusResponse;
import dev.ensemu.api.model.ExportImageRequest;
import dev.ensemu.api.model.ExportImageResponse;
import dev.ensemu.server.faults.FaultInjector;
import dev.ensemu.server.operations.describeexportimageinfo.DescribeExportImageInfoHandler;
import dev.ensemu.server.operations.describeexportimagestatus.DescribeExportImageStatusHandler;
import dev.ensemu.server.operations.exportimage.ExportImageHandler;
import dev.ensemu.server.rpc.Operation;
import dev.ensemu.server.rpc.Operations;
import dev.ensemu.server.state.ImageOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The ENS operations ensemu serves: the one place that lists them. Adding one is its section in
 * the OpenAPI document, a handler in a package of its own under {@code operations}, and a line here.
 */
final class ServedOperations {
    private ServedOperations() {}

    /**
     * @param exportDuration how long an export started with ExportImage takes
     * @param more           operations served beside these (see {@link EmulatorConfig#moreOperations()})
     */
    static Operations of(ImageOperations state, FaultInjector faults, Duration exportDuration,
            List<Function<ImageOperations, Operation>> more) {
        List<Operation> served = new ArrayList<>(List.of(
                Operation.of("DescribeExportImageInfo", DescribeExportImageInfoApi.class, DescribeExportImageInfoRequest.class,
                        DescribeExportImageInfoResponse.class,
                        new DescribeExportImageInfoHandler(state)),
                Operation.of("ExportImage", ExportImageApi.class, ExportImageRequest.class, ExportImageResponse.class,
                        new ExportImageHandler(state, faults, exportDuration)),
                Operation.of("DescribeExportImageStatus", DescribeExportImageStatusApi.class, DescribeExportImageStatusRequest.class,
                        DescribeExportImageStatusResponse.class,
                        new DescribeExportImageStatusHandler(state))));
        more.forEach(binding -> served.add(binding.apply(state)));
        return new Operations(served);
    }
}
