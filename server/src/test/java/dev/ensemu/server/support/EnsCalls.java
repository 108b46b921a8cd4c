package dev.ensemu.server.support;

import com.aliyun.teaopenapi.models.Params;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;

/** DescribeExportImageInfo as the official SDKs are told to call it, for the tests that use them. */
public final class EnsCalls {
    private EnsCalls() {}

    /** Exactly the Params of the generated ENS SDK's describeExportImageInfoWithOptions (tea-openapi callApi). */
    public static Params teaParams() {
        return new Params().setAction("DescribeExportImageInfo").setVersion("2017-11-10").setProtocol("HTTPS")
                .setPathname("/").setMethod("POST").setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json");
    }

    /** A java-core CommonRequest of the operation to {@code endpoint} ({@code host:port}). */
    public static CommonRequest commonRequest(String endpoint, ProtocolType protocol, MethodType method) {
        CommonRequest request = new CommonRequest();
        request.setSysDomain(endpoint);
        request.setSysProtocol(protocol);
        request.setSysVersion("2017-11-10");
        request.setSysAction("DescribeExportImageInfo");
        request.setSysMethod(method);
        return request;
    }
}
