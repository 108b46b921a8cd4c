package dev.ensemu.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.teaopenapi.Client;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly the example of docs/junit5.md: the official SDK against ensemu in-process. */
class ReadmeExampleTest {
    @RegisterExtension
    static final EnsEmulatorExtension ens = EnsEmulatorExtension.create().resetBeforeEach();

    @Test
    void listsTheExportedImages() throws Exception {
        Client client = new Client(new Config().setEndpoint(ens.endpoint()).setProtocol("HTTP")
                .setAccessKeyId(ens.accessKeyId()).setAccessKeySecret(ens.accessKeySecret()));
        Params describe = new Params().setAction("DescribeExportImageInfo").setVersion("2017-11-10").setProtocol("HTTPS")
                .setPathname("/").setMethod("POST").setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json");
        Map<String, ?> answer = client.callApi(describe, new OpenApiRequest().setQuery(Map.of("PageSize", "5")), new RuntimeOptions());
        Map<?, ?> body = (Map<?, ?>) answer.get("body");
        assertThat(((Number) body.get("TotalCount")).intValue()).isEqualTo(24);
    }
}
