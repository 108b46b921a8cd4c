package dev.ensemu.bench;

import dev.ensemu.api.DescribeExportImageInfoApi;
import dev.ensemu.server.operations.describeexportimageinfo.DescribeExportImageInfoHandler;
import dev.ensemu.server.rpc.Operation;
import dev.ensemu.api.model.DescribeExportImageInfoRequest;
import dev.ensemu.api.model.DescribeExportImageInfoResponse;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.ImageCatalog;
import dev.ensemu.server.domain.ImageQuery;
import dev.ensemu.server.domain.OwnerAlias;
import dev.ensemu.server.domain.Page;
import dev.ensemu.server.rpc.EnsBodyWriter;
import dev.ensemu.server.operations.describeexportimageinfo.ImageViews;
import dev.ensemu.server.rpc.ResponseFormat;
import dev.ensemu.server.rpc.RpcParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The hot parts of a DescribeExportImageInfo call, one at a time: parameters, paging, rendering. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HotPathBenchmark {
    private static final String QUERY = "Action=DescribeExportImageInfo&Version=2017-11-10&Format=JSON&PageSize=10&PageNumber=3"
            + "&ImageName=a%20b*c%7Ed%2Be%2Ff&AccessKeyId=LTAIEnsemuDevAccess01&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0"
            + "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&Timestamp=2024-01-01T12%3A00%3A00Z&Signature=bcIIX8bu84shzUZavhDDElGkUcg%3D";

    @Param({"1000", "100000"})
    public int images;

    private ImageCatalog catalog;
    private DescribeExportImageInfoResponse page;
    private final EnsBodyWriter writer = new EnsBodyWriter(List.of(Operation.of("DescribeExportImageInfo",
            DescribeExportImageInfoApi.class, DescribeExportImageInfoRequest.class, DescribeExportImageInfoResponse.class, new DescribeExportImageInfoHandler(null))));

    @Setup(Level.Trial)
    public void catalog() {
        List<Image> list = new ArrayList<>(images);
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < images; i++) {
            boolean exported = i % 4 == 0;
            list.add(new Image(String.format("m-bench%07d", i), "bench-image-" + (i % 5000), start.plusSeconds(i * 37L), "x86_64",
                    "centos", OwnerAlias.SELF, exported ? ExportStatus.EXPORTED : ExportStatus.UNEXPORTED,
                    exported ? Optional.of(URI.create("https://b.oss-cn-beijing.aliyuncs.com/" + i + ".qcow2")) : Optional.empty()));
        }
        catalog = new ImageCatalog(Map.of("a", list));
        page = ImageViews.toResponse(catalog.describeExportImageInfo("a", ImageQuery.of(null, null, 1, 10)), "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E");
    }

    @Benchmark
    public RpcParameters parseParameters() {
        return RpcParameters.parse(QUERY);
    }

    @Benchmark
    public Page<Image> firstPage() {
        return catalog.describeExportImageInfo("a", ImageQuery.of(null, null, 1, 10));
    }

    @Benchmark
    public Page<Image> deepPage() {
        return catalog.describeExportImageInfo("a", ImageQuery.of(null, null, images / 10 - 1, 10));
    }

    @Benchmark
    public Page<Image> byName() {
        return catalog.describeExportImageInfo("a", ImageQuery.of(null, "bench-image-42", 1, 10));
    }

    @Benchmark
    public byte[] writeJson() throws IOException {
        return write(ResponseFormat.JSON);
    }

    @Benchmark
    public byte[] writeXml() throws IOException {
        return write(ResponseFormat.XML);
    }

    private byte[] write(ResponseFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        writer.writeTo(page, DescribeExportImageInfoResponse.class, DescribeExportImageInfoResponse.class, null, format.mediaType(), null, out);
        return out.toByteArray();
    }
}
