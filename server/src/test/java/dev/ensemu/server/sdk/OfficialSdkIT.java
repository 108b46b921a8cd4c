package dev.ensemu.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.SignatureVersion;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.support.EnsCalls;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.support.DevSeed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Java SDKs, unchanged, against the running server (verify mode, dev keys): every
 * way docs/wire-protocol.md lists of calling DescribeExportImageInfo parses the answer, and errors
 * surface with their Code.
 */
class OfficialSdkIT {
    private static final String NON_ASCII_NAME = "边缘节点镜像-é";
    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> { });
    private static String endpoint;

    @BeforeAll
    static void start() {
        endpoint = emulator.baseUri().getHost() + ":" + emulator.baseUri().getPort();
    }

    // ---- aliyun-java-sdk-core -------------------------------------------------------------

    /** How the request carries its parameters, as java-core can send them. */
    enum CoreShape { GET, POST_QUERY, POST_BODY, V3 }

    private static DefaultAcsClient coreClient(CoreShape shape, String keyId, String secret) {
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", keyId, secret));
        if (shape == CoreShape.V3) {
            client.setSignatureVersion(SignatureVersion.V3);
        }
        return client;
    }

    private static CommonRequest commonRequest(CoreShape shape, Map<String, String> params) {
        CommonRequest request = EnsCalls.commonRequest(endpoint, ProtocolType.HTTP, shape == CoreShape.GET ? MethodType.GET : MethodType.POST);
        params.forEach((name, value) -> {
            if (shape == CoreShape.POST_BODY) {
                request.putBodyParameter(name, value);
            } else {
                request.putQueryParameter(name, value);
            }
        });
        return request;
    }

    @ParameterizedTest
    @EnumSource(CoreShape.class)
    void javaCoreCommonRequestReadsThePage(CoreShape shape) throws Exception {
        CommonResponse response = coreClient(shape, DevSeed.KEY_ID, DevSeed.SECRET)
                .getCommonResponse(commonRequest(shape, Map.of("PageSize", "5", "PageNumber", "2")));

        JsonNode page = new ObjectMapper().readTree(response.getData());
        assertThat(response.getHttpStatus()).isEqualTo(200);
        assertThat(page.path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
        assertThat(page.path("PageNumber").asInt()).isEqualTo(2);
        assertThat(page.path("Images").path("Image")).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(CoreShape.class)
    void javaCoreFiltersByANameWithEveryAwkwardCharacter(CoreShape shape) throws Exception {
        CommonResponse response = coreClient(shape, DevSeed.KEY_ID, DevSeed.SECRET)
                .getCommonResponse(commonRequest(shape, Map.of("ImageName", NON_ASCII_NAME)));

        JsonNode page = new ObjectMapper().readTree(response.getData());
        assertThat(page.path("TotalCount").asInt()).isEqualTo(2);
        assertThat(page.path("Images").path("Image").get(0).path("ImageName").asText()).isEqualTo(NON_ASCII_NAME);
    }

    @Test
    void javaCoreAsksForXmlAndGetsXml() throws Exception {
        CommonRequest request = commonRequest(CoreShape.GET, Map.of("PageSize", "3"));
        request.setSysAccept(FormatType.XML);

        CommonResponse response = coreClient(CoreShape.GET, DevSeed.KEY_ID, DevSeed.SECRET).getCommonResponse(request);

        assertThat(response.getData()).startsWith("<?xml").contains("<TotalCount>" + DevSeed.IMAGE_COUNT + "</TotalCount>");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void javaCoreTypedPathReadsEveryField(boolean xml) throws Exception {
        TypedDescribeExportImageInfoRequest request = new TypedDescribeExportImageInfoRequest();
        request.setSysEndpoint(endpoint);
        request.setSysProtocol(ProtocolType.HTTP);
        request.setImageName(NON_ASCII_NAME);
        request.setPageSize(10);
        if (xml) {
            request.setSysAcceptFormat(FormatType.XML);
        }

        DescribeExportImageInfoResponse response =
                coreClient(CoreShape.GET, DevSeed.KEY_ID, DevSeed.SECRET).getAcsResponse(request);

        assertThat(response.totalCount).isEqualTo(2);
        assertThat(response.pageSize).isEqualTo(10);
        assertThat(response.requestId).matches("[0-9A-F-]{36}");
        // the legacy JSON reader mangles \\u escapes: this passes only with raw UTF-8
        assertThat(response.imageNames).containsOnly(NON_ASCII_NAME).hasSize(2);
        assertThat(response.imageIds).containsExactlyInAnyOrder("m-dev0009", "m-dev0019");
        assertThat(response.exportedImageUrls).containsExactlyInAnyOrder("",
                "https://ensemu-exports.oss-cn-beijing.aliyuncs.com/m-dev0009.qcow2");
    }

    @ParameterizedTest
    @EnumSource(CoreShape.class)
    void javaCoreSurfacesInvalidPageSize(CoreShape shape) {
        assertThatThrownBy(() -> coreClient(shape, DevSeed.KEY_ID, DevSeed.SECRET)
                        .getCommonResponse(commonRequest(shape, Map.of("PageSize", "51"))))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.getErrCode()).isEqualTo("InvalidParameter.PageSize");
                    assertThat(e.getRequestId()).matches("[0-9A-F-]{36}");
                });
    }

    @ParameterizedTest
    @EnumSource(CoreShape.class)
    void javaCoreSurfacesWrongSecretAndUnknownKey(CoreShape shape) {
        assertThatThrownBy(() -> coreClient(shape, DevSeed.KEY_ID, "wrong-secret").getCommonResponse(commonRequest(shape, Map.of())))
                .isInstanceOfSatisfying(ClientException.class,
                        e -> assertThat(e.getErrCode()).isEqualTo("SignatureDoesNotMatch"));
        assertThatThrownBy(() -> coreClient(shape, "LTAInobody", "x").getCommonResponse(commonRequest(shape, Map.of())))
                .isInstanceOfSatisfying(ClientException.class,
                        e -> assertThat(e.getErrCode()).isEqualTo("InvalidAccessKeyId.NotFound"));
    }

    @Test
    void javaCoreSurfacesNoPermission() {
        assertThatThrownBy(() -> coreClient(CoreShape.GET, DevSeed.NO_PERMISSION_KEY_ID, DevSeed.NO_PERMISSION_SECRET)
                        .getCommonResponse(commonRequest(CoreShape.GET, Map.of())))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.getErrCode()).isEqualTo("NoPermission"));
    }

    // ---- tea-openapi callApi --------------------------------------------------------------

    /** V3 (the default) or v2 (classic RPC), with the fields in the query or in a form body. */
    enum TeaShape {
        V3_QUERY(null, false), V3_FORM(null, true), V2_QUERY("v2", false), V2_FORM("v2", true);

        final String algorithm;
        final boolean form;

        TeaShape(String algorithm, boolean form) {
            this.algorithm = algorithm;
            this.form = form;
        }
    }

    private static com.aliyun.teaopenapi.Client teaClient(TeaShape shape, String keyId, String secret) throws Exception {
        Config config = new Config().setAccessKeyId(keyId).setAccessKeySecret(secret).setEndpoint(endpoint).setProtocol("HTTP");
        if (shape.algorithm != null) {
            config.setSignatureAlgorithm(shape.algorithm);
        }
        return new com.aliyun.teaopenapi.Client(config);
    }

    /** Exactly the Params of the generated ENS SDK's describeExportImageInfoWithOptions. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> callApi(TeaShape shape, String keyId, String secret, Map<String, Object> fields)
            throws Exception {
        Params params = EnsCalls.teaParams();
        OpenApiRequest request = new OpenApiRequest();
        if (shape.form) {
            request.setBody(com.aliyun.openapiutil.Client.query(fields));
        } else {
            request.setQuery(com.aliyun.openapiutil.Client.query(fields));
        }
        return (Map<String, Object>) teaClient(shape, keyId, secret).callApi(params, request, new RuntimeOptions()).get("body");
    }

    @ParameterizedTest
    @EnumSource(TeaShape.class)
    void teaCallApiReadsThePage(TeaShape shape) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("PageNumber", 3);
        fields.put("PageSize", 10);
        Map<String, Object> body = callApi(shape, DevSeed.KEY_ID, DevSeed.SECRET, fields);

        assertThat(((Number) body.get("TotalCount")).intValue()).isEqualTo(DevSeed.IMAGE_COUNT);
        assertThat(((Number) body.get("PageNumber")).intValue()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> images = (List<Map<String, Object>>) ((Map<String, Object>) body.get("Images")).get("Image");
        assertThat(images).hasSize(4);
        assertThat(images.get(0)).containsKeys("ImageId", "ImageName", "ImageExportStatus", "ExportedImageURL",
                "CreationTime", "Architecture", "Platform", "ImageOwnerAlias");
    }

    @ParameterizedTest
    @EnumSource(TeaShape.class)
    void teaFiltersByNameAndSendsEmptyFieldsAsTheGeneratedSdkDoes(TeaShape shape) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ImageName", NON_ASCII_NAME);
        fields.put("ImageId", "");
        Map<String, Object> body = callApi(shape, DevSeed.KEY_ID, DevSeed.SECRET, fields);

        assertThat(((Number) body.get("TotalCount")).intValue()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TeaShape.class)
    void teaSurfacesErrorCodes(TeaShape shape) {
        assertThatThrownBy(() -> callApi(shape, DevSeed.KEY_ID, DevSeed.SECRET, Map.of("PageSize", 51)))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("InvalidParameter.PageSize");
                    assertThat(e.getStatusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> callApi(shape, DevSeed.KEY_ID, "wrong-secret", Map.of()))
                .isInstanceOfSatisfying(TeaException.class, e -> assertThat(e.getCode()).isEqualTo("SignatureDoesNotMatch"));
        assertThatThrownBy(() -> callApi(shape, "LTAInobody", "x", Map.of()))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("InvalidAccessKeyId.NotFound");
                    assertThat(e.getStatusCode()).isEqualTo(404);
                });
        assertThatThrownBy(() -> callApi(shape, DevSeed.NO_PERMISSION_KEY_ID, DevSeed.NO_PERMISSION_SECRET, Map.of()))
                .isInstanceOfSatisfying(TeaException.class, e -> assertThat(e.getCode()).isEqualTo("NoPermission"));
    }
}
