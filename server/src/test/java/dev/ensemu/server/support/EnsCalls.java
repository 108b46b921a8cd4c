package dev.ensemu.server.support;

import com.aliyun.teaopenapi.models.Params;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;

/** The ENS operations as the official SDKs are told to call them, for the tests that use them. */
public final class EnsCalls {
    private EnsCalls() {}

    /** Exactly the Params of the generated ENS SDK's describeExportImageInfoWithOptions (tea-openapi callApi). */
    public static Params teaParams() {
        return teaParams("DescribeExportImageInfo");
    }

    /**
     * Exactly the Params of the generated ENS SDK's {@code <action>WithOptions}: the ens20171110
     * SDK calls DescribeExportImageInfo, ExportImage and DescribeExportImageStatus alike.
     */
    public static Params teaParams(String action) {
        return new Params().setAction(action).setVersion("2017-11-10").setProtocol("HTTPS")
                .setPathname("/").setMethod("POST").setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json");
    }

    /** A java-core CommonRequest of DescribeExportImageInfo to {@code endpoint} ({@code host:port}). */
    public static CommonRequest commonRequest(String endpoint, ProtocolType protocol, MethodType method) {
        return commonRequest("DescribeExportImageInfo", endpoint, protocol, method);
    }

    public static CommonRequest commonRequest(String action, String endpoint, ProtocolType protocol, MethodType method) {
        CommonRequest request = new CommonRequest();
        request.setSysDomain(endpoint);
        request.setSysProtocol(protocol);
        request.setSysVersion("2017-11-10");
        request.setSysAction(action);
        request.setSysMethod(method);
        return request;
    }
}
