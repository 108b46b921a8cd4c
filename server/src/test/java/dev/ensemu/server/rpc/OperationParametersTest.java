package dev.ensemu.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.ensemu.api.DescribeExportImageInfoApi;
import dev.ensemu.api.DescribeExportImageStatusApi;
import dev.ensemu.api.ExportImageApi;
import dev.ensemu.api.model.DescribeExportImageInfoRequest;
import dev.ensemu.api.model.DescribeExportImageInfoResponse;
import dev.ensemu.api.model.DescribeExportImageStatusRequest;
import dev.ensemu.api.model.DescribeExportImageStatusResponse;
import dev.ensemu.api.model.ExportImageRequest;
import dev.ensemu.api.model.ExportImageResponse;
import dev.ensemu.server.domain.EnsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits read from the code generated from the document, applied as ENS does; expected values are the document's, typed here. */
class OperationParametersTest {
    private static final OperationParameters LISTING = Operation.of("DescribeExportImageInfo", DescribeExportImageInfoApi.class,
            DescribeExportImageInfoRequest.class, DescribeExportImageInfoResponse.class, null).parameters();
    private static final OperationParameters EXPORT = Operation.of("ExportImage", ExportImageApi.class, ExportImageRequest.class,
            ExportImageResponse.class, null).parameters();
    private static final OperationParameters STATUS = Operation.of("DescribeExportImageStatus", DescribeExportImageStatusApi.class,
            DescribeExportImageStatusRequest.class, DescribeExportImageStatusResponse.class, null).parameters();

    @Test
    void namesComeInTheDocumentsOrder() {
        assertThat(LISTING.names()).containsExactly("ImageId", "ImageName", "PageNumber", "PageSize");
        assertThat(EXPORT.names()).containsExactly("ImageId", "OSSBucket", "OSSRegionId", "OSSPrefix", "RoleName");
        assertThat(STATUS.names()).containsExactly("ImageId");
    }

    @Test
    void absentAndEmptyValuesTakeTheDocumentsDefaults() {
        assertThat(LISTING.validated(RpcParameters.NONE)).containsExactly(entry("PageNumber", "1"), entry("PageSize", "10"));
        assertThat(LISTING.validated(RpcParameters.parse("ImageId=&PageSize=&Colour=blue")))
                .containsExactly(entry("PageNumber", "1"), entry("PageSize", "10"));
    }

    @Test
    void givenValuesTravelDecodedInTheDocumentsOrder() {
        assertThat(LISTING.validated(RpcParameters.parse("PageSize=50&ImageName=a+b%2A%E9%95%9C&PageNumber=2147483647")))
                .containsExactly(entry("ImageName", "a b*镜"), entry("PageNumber", "2147483647"), entry("PageSize", "50"));
    }

    @ParameterizedTest
    @CsvSource({"PageNumber=0,InvalidParameter.PageNumber", "PageNumber=-1,InvalidParameter.PageNumber",
            "PageNumber=2147483648,InvalidParameter.PageNumber", "PageNumber=1.5,InvalidParameter.PageNumber",
            "PageNumber=+1,InvalidParameter.PageNumber", "PageNumber=abc,InvalidParameter.PageNumber",
            "PageSize=0,InvalidParameter.PageSize", "PageSize=51,InvalidParameter.PageSize", "PageSize=%2010,InvalidParameter.PageSize",
            "ImageId=" + "x129,InvalidParameter.ImageId", "ImageName=x129,InvalidParameter.ImageName"})
    void valuesTheDocumentForbidsAreRefusedNotClamped(String query, String code) {
        String expanded = query.replace("x129", "x".repeat(129));
        assertThatThrownBy(() -> LISTING.validated(RpcParameters.parse(expanded)))
                .isInstanceOfSatisfying(EnsException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String emoji128 = "\uD83D\uDE00".repeat(128);
        assertThat(LISTING.validated(RpcParameters.parse("ImageName=" + java.net.URLEncoder.encode(emoji128,
                java.nio.charset.StandardCharsets.UTF_8)))).containsEntry("ImageName", emoji128);
    }

    @Test
    void everyRequiredParameterIsCheckedBeforeAnyValue() {
        assertThat(codeOf(EXPORT, "OSSBucket=A&OSSRegionId=cn-beijing")).isEqualTo("MissingParameter");
        assertThat(messageOf(EXPORT, "ImageId=m-1&OSSBucket=A")).contains("OSSRegionId");
        assertThat(codeOf(EXPORT, "ImageId=m-1&OSSBucket=A&OSSRegionId=cn-hangzhou")).isEqualTo("InvalidParameter.OSSBucket");
        assertThat(codeOf(STATUS, "ImageId=")).isEqualTo("MissingParameter");
    }

    @ParameterizedTest
    @CsvSource({"OSSBucket=ab,InvalidParameter.OSSBucket", "OSSBucket=-abc,InvalidParameter.OSSBucket",
            "OSSBucket=Abc,InvalidParameter.OSSBucket", "OSSRegionId=cn-hangzhou,InvalidParameter.OSSRegionId",
            "OSSRegionId=CN-BEIJING,InvalidParameter.OSSRegionId", "OSSPrefix=a%20b,InvalidParameter.OSSPrefix",
            "OSSPrefix=" + "p31,InvalidParameter.OSSPrefix", "RoleName=r65,InvalidParameter.RoleName"})
    void exportParametersAreHeldToTheirPatternsEnumsAndLengths(String change, String code) {
        String base = "ImageId=m-1&OSSBucket=my-exports&OSSRegionId=cn-beijing";
        String expanded = change.replace("p31", "p".repeat(31)).replace("r65", "r".repeat(65));
        assertThat(codeOf(EXPORT, expanded + "&" + base)).isEqualTo(code);
    }

    @Test
    void aValidExportNeedsNoDefaults() {
        assertThat(EXPORT.validated(RpcParameters.parse("ImageId=m-1&OSSBucket=my-exports&OSSRegionId=cn-beijing&OSSPrefix=a/b.c_d-")))
                .containsExactly(entry("ImageId", "m-1"), entry("OSSBucket", "my-exports"), entry("OSSRegionId", "cn-beijing"),
                        entry("OSSPrefix", "a/b.c_d-"));
    }

    private static String codeOf(OperationParameters parameters, String query) {
        return refusal(parameters, query).code();
    }

    private static String messageOf(OperationParameters parameters, String query) {
        return refusal(parameters, query).getMessage();
    }

    private static EnsException refusal(OperationParameters parameters, String query) {
        try {
            return org.junit.jupiter.api.Assertions.fail("accepted: " + parameters.validated(RpcParameters.parse(query)));
        } catch (EnsException e) {
            return e;
        }
    }
}
