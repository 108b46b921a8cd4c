package dev.ensemu.clients

import dev.ensemu.clients.kotlin.apis.DescribeExportImageInfoApi
import dev.ensemu.clients.kotlin.apis.DescribeExportImageStatusApi
import dev.ensemu.clients.kotlin.apis.ExportImageApi
import dev.ensemu.clients.kotlin.infrastructure.ApiClient
import dev.ensemu.clients.kotlin.infrastructure.Serializer
import dev.ensemu.clients.kotlin.models.DescribeExportImageInfoResponse
import dev.ensemu.clients.kotlin.models.ErrorResponse
import dev.ensemu.clients.kotlin.models.DescribeExportImageStatusResponse.ImageExportStatus
import java.io.PrintStream
import kotlin.system.exitProcess
import okhttp3.OkHttpClient
import retrofit2.Call

/**
 * Calls through the Kotlin client (openapi-generator `kotlin`, library `jvm-retrofit2`) generated from
 * ens-2017-11-10.yaml, as it is: pages, a non-ASCII filter, an error, then the export flow (ExportImage,
 * poll DescribeExportImageStatus, read the URL) and an unknown image, one line each in the format every
 * program in `clients/` prints. Usage: `KotlinClientExample <endpoint> [<AccessKeyId> <AccessKeySecret>]`;
 * with a key the calls are signed ([AcsSigningInterceptor]), without one the server must run `--auth anonymous`.
 */
object KotlinClientExample {
    private const val IMAGE = "m-dev0001"
    private const val BUCKET = "client-exports"
    private const val REGION = "cn-beijing"
    private const val NAME = "边缘节点镜像-é"

    @JvmStatic
    fun main(args: Array<String>) {
        if (args.size != 1 && args.size != 3) {
            System.err.println("usage: KotlinClientExample <endpoint> [<AccessKeyId> <AccessKeySecret>]")
            exitProcess(2)
        }
        run(args[0], if (args.size == 3) AcsSigningInterceptor(args[1], args[2]) else null, System.out)
    }

    /** A failed call: its HTTP status and the ENS error envelope the server sent. */
    private class EnsError(val status: Int, val error: ErrorResponse) : Exception(error.code)

    private fun <T> Call<T>.answer(): T {
        val response = execute()
        if (response.isSuccessful) {
            return response.body()!!
        }
        val text = response.errorBody()!!.string()
        val error = Serializer.moshi.adapter(ErrorResponse::class.java).fromJson(text)
            ?: throw IllegalStateException("not an ENS error envelope: $text")
        throw EnsError(response.code(), error)
    }

    /** `label: <what the call gave>`, or `label: HTTP <status> Code=<Code>` from the typed error. */
    private fun line(label: String, call: () -> String): String = try {
        "$label: ${call()}"
    } catch (e: EnsError) {
        "$label: HTTP ${e.status} Code=${e.error.code}"
    }

    private fun describe(page: DescribeExportImageInfoResponse): String {
        val images = page.images.image.joinToString(",") { "${it.imageId}:${it.imageExportStatus.value}" }
        return "PageNumber=${page.pageNumber} PageSize=${page.pageSize} TotalCount=${page.totalCount} Images=$images"
    }

    @JvmStatic
    fun run(endpoint: String, signer: AcsSigningInterceptor?, out: PrintStream) {
        val http = OkHttpClient.Builder().apply { signer?.let { addInterceptor(it) } }
        val client = ApiClient(endpoint.trimEnd('/') + "/", http)
        val ens = client.createService(DescribeExportImageInfoApi::class.java)
        val export = client.createService(ExportImageApi::class.java)
        val status = client.createService(DescribeExportImageStatusApi::class.java)

        out.println(line("default page") { describe(ens.describeExportImageInfo().answer()) })
        out.println(line("page 2 of 5") { describe(ens.describeExportImageInfo(pageNumber = 2, pageSize = 5).answer()) })
        out.println(line("ImageName=$NAME") { describe(ens.describeExportImageInfo(imageName = NAME).answer()) })
        out.println(line("PageSize 51") { describe(ens.describeExportImageInfo(pageSize = 51).answer()) })
        // The flow an application runs: export, poll until the export ends, read the URL from the listing.
        out.println(line("export $IMAGE") {
            val promised = export.exportImage(IMAGE, BUCKET, REGION, osSPrefix = "kotlin/").answer().exportedImageURL
            val deadline = System.nanoTime() + 30_000_000_000L
            var now: ImageExportStatus
            do {
                Thread.sleep(50)
                now = status.describeExportImageStatus(IMAGE).answer().imageExportStatus
            } while (now == ImageExportStatus.Exporting && System.nanoTime() < deadline)
            val listed = ens.describeExportImageInfo(imageId = IMAGE).answer().images.image[0].exportedImageURL
            "${now.value} $promised listed $listed"
        })
        out.println(line("export m-nothing") { export.exportImage("m-nothing", BUCKET, REGION).answer().exportedImageURL })
    }
}
