package dev.ensemu.clients

import java.net.URLEncoder
import java.security.MessageDigest
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.UUID
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import okhttp3.Interceptor
import okhttp3.Response
import okio.Buffer

/**
 * Signs the requests of the generated Kotlin client (jvm-retrofit2, OkHttp) with ACS3-HMAC-SHA256,
 * as ENS and the official SDKs do: `OkHttpClient.Builder().addInterceptor(AcsSigningInterceptor(id, secret))`.
 */
class AcsSigningInterceptor(private val accessKeyId: String, private val accessKeySecret: String) : Interceptor {
    override fun intercept(chain: Interceptor.Chain): Response {
        val request = chain.request()
        val body = Buffer().also { request.body?.writeTo(it) }.readByteArray()
        val url = request.url
        val query = (0 until url.querySize).map { encode(url.queryParameterName(it)) + "=" + encode(url.queryParameterValue(it) ?: "") }.sorted()
        val headers = sortedMapOf(
            "host" to url.host + (if (url.port != okhttp3.HttpUrl.defaultPort(url.scheme)) ":${url.port}" else ""),
            "x-acs-action" to (url.queryParameter("Action") ?: ""),
            "x-acs-content-sha256" to hex(sha256(body)),
            "x-acs-date" to Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            "x-acs-signature-nonce" to UUID.randomUUID().toString(),
            "x-acs-version" to (url.queryParameter("Version") ?: ""),
        )
        val signedHeaders = headers.keys.joinToString(";")
        val canonical = listOf(request.method, "/", query.joinToString("&"),
            headers.entries.joinToString("") { "${it.key}:${it.value}\n" }, signedHeaders, headers.getValue("x-acs-content-sha256"))
            .joinToString("\n")
        val mac = Mac.getInstance("HmacSHA256").apply { init(SecretKeySpec(accessKeySecret.toByteArray(), "HmacSHA256")) }
        val signature = hex(mac.doFinal("ACS3-HMAC-SHA256\n${hex(sha256(canonical.toByteArray()))}".toByteArray()))
        val signed = request.newBuilder()
        headers.filterKeys { it != "host" }.forEach { (name, value) -> signed.header(name, value) } // OkHttp sends Host itself
        signed.header("Authorization", "ACS3-HMAC-SHA256 Credential=$accessKeyId,SignedHeaders=$signedHeaders,Signature=$signature")
        return chain.proceed(signed.build())
    }

    /** RFC 3986: everything but letters, digits and `-_.~` percent-encoded, space as %20. */
    private fun encode(text: String) = URLEncoder.encode(text, Charsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~")

    private fun sha256(data: ByteArray) = MessageDigest.getInstance("SHA-256").digest(data)

    private fun hex(bytes: ByteArray) = bytes.joinToString("") { "%02x".format(it) }
}
