package dev.ensemu.server.sdk;

import com.aliyuncs.AcsResponse;
import com.aliyuncs.transform.UnmarshallerContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields the typed path reads, exactly as generated SDKs read them. The SDK roots the
 * flattened keys at the simple name of this top-level class, so the name is part of the protocol.
 */
public final class DescribeExportImageInfoResponse extends AcsResponse {
    public String requestId;
    public Integer totalCount;
    public Integer pageSize;
    public final List<String> imageIds = new ArrayList<>();
    public final List<String> imageNames = new ArrayList<>();
    public final List<String> exportedImageUrls = new ArrayList<>();

    @Override
    public DescribeExportImageInfoResponse getInstance(UnmarshallerContext context) {
        String root = "DescribeExportImageInfoResponse";
        requestId = context.stringValue(root + ".RequestId");
        totalCount = context.integerValue(root + ".TotalCount");
        pageSize = context.integerValue(root + ".PageSize");
        for (int i = 0; i < context.lengthValue(root + ".Images.Length"); i++) {
            imageIds.add(context.stringValue(root + ".Images[" + i + "].ImageId"));
            imageNames.add(context.stringValue(root + ".Images[" + i + "].ImageName"));
            exportedImageUrls.add(context.stringValue(root + ".Images[" + i + "].ExportedImageURL"));
        }
        return this;
    }
}
