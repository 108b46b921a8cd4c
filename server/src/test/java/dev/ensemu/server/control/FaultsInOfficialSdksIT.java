package dev.ensemu.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import dev.ensemu.server.support.EnsCalls;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each injected fault reaches the official SDKs with its Code and status, as a real ENS error would. */
class FaultsInOfficialSdksIT {
    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> settings.adminToken("sdk-token"));
    private static Admin admin;
    private static String endpoint;

    @BeforeAll
    static void start() {
        admin = new Admin(emulator.baseUri(), "sdk-token");
        endpoint = emulator.baseUri().getHost() + ":" + emulator.baseUri().getPort();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ens.interface.error,400", "CallInterface,400", "Throttling.User,400", "InternalError,500"})
    void teaCallApiSurfacesTheInjectedCode(String code, int status) throws Exception {
        admin.post("/faults", "{\"code\":\"" + code + "\",\"times\":1,\"accessKeyId\":\"" + DevSeed.KEY_ID + "\"}");
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(new Config().setAccessKeyId(DevSeed.KEY_ID)
                .setAccessKeySecret(DevSeed.SECRET).setEndpoint(endpoint).setProtocol("HTTP"));
        Params params = EnsCalls.teaParams();

        assertThatThrownBy(() -> client.callApi(params, new OpenApiRequest().setQuery(Map.of("PageSize", "1")), new RuntimeOptions()))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(code);
                    assertThat(e.getStatusCode()).isEqualTo(status);
                });
        assertThat(client.callApi(params, new OpenApiRequest().setQuery(Map.of("PageSize", "1")), new RuntimeOptions()))
                .as("the fault was for one call only").containsKey("body");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Throttling.User,false", "InternalError,true"})
    void javaCoreSurfacesTheInjectedCode(String code, boolean serverSide) {
        admin.post("/faults", "{\"code\":\"" + code + "\",\"times\":1}");
        CommonRequest request = EnsCalls.commonRequest(endpoint, ProtocolType.HTTP, MethodType.GET);
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", DevSeed.KEY_ID, DevSeed.SECRET));

        assertThatThrownBy(() -> client.getCommonResponse(request)).isInstanceOfSatisfying(ClientException.class, e -> {
            assertThat(e.getErrCode()).isEqualTo(code);
            assertThat(e instanceof ServerException).isEqualTo(serverSide);
        });
    }
}
