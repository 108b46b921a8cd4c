package dev.ensemu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/wire-protocol.md section 4, string by string, before any HMAC. */
class SignatureWorkedExamplesTest {
    @Test
    void v1StringToSignAndSignature() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Version", "2017-11-10");
        params.put("AccessKeyId", "testid");
        params.put("Action", "DescribeExportImageInfo");
        params.put("Format", "JSON");
        params.put("ImageName", "a b*c~d+e/f");
        params.put("PageSize", "10");
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        params.put("SignatureVersion", "1.0");
        params.put("Timestamp", "2024-01-01T12:00:00Z");
        params.put("Signature", "ignored: never part of what is signed");

        String stringToSign = V1Signature.stringToSign("GET", params, true);

        assertThat(stringToSign).isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeExportImageInfo"
                + "%26Format%3DJSON%26ImageName%3Da%2520b%252Ac~d%252Be%252Ff%26PageSize%3D10"
                + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                + "%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-01T12%253A00%253A00Z%26Version%3D2017-11-10");
        assertThat(V1Signature.sign("testsecret", stringToSign)).isEqualTo("bcIIX8bu84shzUZavhDDElGkUcg=");
    }

    @Test
    void v1CanLeaveEmptyValuesOutLikeJavaTeaV2() {
        Map<String, String> params = Map.of("A", "1", "ImageId", "");

        assertThat(V1Signature.stringToSign("POST", params, true)).isEqualTo("POST&%2F&A%3D1%26ImageId%3D");
        assertThat(V1Signature.stringToSign("POST", params, false)).isEqualTo("POST&%2F&A%3D1");
    }

    @Test
    void v3CanonicalRequestStringToSignAndSignature() {
        Map<String, String> headers = Map.of(
                "host", "127.0.0.1:8080",
                "x-acs-action", "DescribeExportImageInfo",
                "x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "x-acs-date", "2024-01-01T12:00:00Z",
                "x-acs-signature-nonce", "abc",
                "x-acs-version", "2017-11-10");
        List<String> signed = List.of("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
                "x-acs-signature-nonce", "x-acs-version");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("PageSize", "10");
        query.put("ImageName", "a b*c~d+e/f");

        String canonical = V3Signature.canonicalRequest("POST", query, signed, headers::get,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        assertThat(canonical).isEqualTo("""
                POST
                /
                ImageName=a%20b%2Ac~d%2Be%2Ff&PageSize=10
                host:127.0.0.1:8080
                x-acs-action:DescribeExportImageInfo
                x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-acs-date:2024-01-01T12:00:00Z
                x-acs-signature-nonce:abc
                x-acs-version:2017-11-10

                host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        String stringToSign = V3Signature.stringToSign(canonical);
        assertThat(stringToSign).isEqualTo(
                "ACS3-HMAC-SHA256\nbc6464f9e8b358892988e673ab68ad85922832867915f088f75e6d39fb2730fe");
        assertThat(V3Signature.sign("testsecret", stringToSign))
                .isEqualTo("68a09f5a74e0d8d9a7f63f2bebbd0395b3fb8553573ee5f2f8830130cfb2acd0");
    }

    @Test
    void authorizationFieldsParseInAnyOrder() {
        V3Signature.Authorization teaOrder = V3Signature.Authorization.parse(
                "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-date,Signature=abc");
        V3Signature.Authorization javaCoreOrder = V3Signature.Authorization.parse(
                "ACS3-HMAC-SHA256 Credential=testid,Signature=abc,SignedHeaders=host;x-acs-date");

        assertThat(javaCoreOrder).isEqualTo(teaOrder);
        assertThat(teaOrder.signedHeaders()).containsExactly("host", "x-acs-date");
    }
}
