package dev.ensemu.server.sdk;

import com.aliyuncs.RpcAcsRequest;

/**
 * A typed request the way the old per-product SDKs (aliyun-java-sdk-ens) declare one: the
 * legacy path of aliyun-java-sdk-core that flattens the answer into keys such as
 * {@code DescribeExportImageInfoResponse.Images[0].ImageId}.
 */
public final class TypedDescribeExportImageInfoRequest extends RpcAcsRequest<DescribeExportImageInfoResponse> {
    public TypedDescribeExportImageInfoRequest() {
        super("Ens", "2017-11-10", "DescribeExportImageInfo");
    }

    public void setImageName(String imageName) {
        putQueryParameter("ImageName", imageName);
    }

    public void setPageSize(Integer pageSize) {
        putQueryParameter("PageSize", pageSize);
    }

    @Override
    public Class<DescribeExportImageInfoResponse> getResponseClass() {
        return DescribeExportImageInfoResponse.class;
    }
}
