package dev.ensemu.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.OwnerAlias;
import dev.ensemu.server.seed.SeedException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Changes as JSON lines: every kind round-trips, and lines written before the Jackson codec still read. */
class StateCodecTest {
    private static final Image IMAGE = new Image("m-1", "n-1", Instant.parse("2030-01-01T00:00:00Z"), "x86_64", "centos", OwnerAlias.SELF,
            ExportStatus.EXPORTED, Optional.of(URI.create("https://bucket.example/m-1.qcow2")));
    private static final Account ACCOUNT = new Account("a", List.of(new AccessKey("k", "s")), Set.of("ens:*"), List.of());
    private static final PendingExport EXPORT = new PendingExport("a", "m-1", Instant.parse("2030-01-02T00:00:00Z"), ExportStatus.EXPORT_ERROR,
            Optional.of(java.net.URI.create("https://b.oss-cn-beijing.aliyuncs.com/p/m-1.qcow2")));

    @Test
    void everyKindOfChangeRoundTrips() {
        List<StateChange> all = List.of(new StateChange.ImagePut("a", IMAGE), new StateChange.ImageRemoved("a", "m-1"),
                new StateChange.ImagesReplaced("a", List.of(IMAGE)), new StateChange.ExportScheduled(EXPORT),
                new StateChange.ExportUnscheduled("a", "m-1"), new StateChange.AccountPut(ACCOUNT),
                new StateChange.Replaced(new StoredState(List.of(new Account("a", ACCOUNT.accessKeys(), ACCOUNT.allowedActions(),
                        List.of(IMAGE))), List.of(EXPORT))));
        assertThat(all.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("a sample of every kind").isEqualTo(Arrays.stream(StateChange.class.getPermittedSubclasses()).collect(Collectors.toSet()));

        String line = StateCodec.changes(all);

        assertThat(line).doesNotContain("\n").startsWith("[{\"op\":\"putImage\",\"account\":\"a\",\"image\":{");
        assertThat(StateCodec.changes(line, "test")).isEqualTo(all);
    }

    @Test
    void linesOfTheEarlierHandWrittenCodecStillRead() {
        String image = "{\"ImageId\":\"m-1\",\"ImageName\":\"n-1\",\"CreationTime\":\"2030-01-01T00:00:00Z\",\"Architecture\":\"x86_64\","
                + "\"Platform\":\"centos\",\"ImageOwnerAlias\":\"self\",\"ImageExportStatus\":\"Exported\","
                + "\"ExportedImageURL\":\"https://bucket.example/m-1.qcow2\"}";
        String line = "[{\"op\":\"putImage\",\"account\":\"a\",\"image\":" + image + "},"
                + "{\"op\":\"scheduleExport\",\"export\":{\"accountId\":\"a\",\"imageId\":\"m-1\",\"completesAt\":\"2030-01-02T00:00:00Z\","
                + "\"outcome\":\"ExportError\"}},{\"op\":\"removeImage\",\"account\":\"a\",\"imageId\":\"m-1\"}]";

        assertThat(StateCodec.changes(line, "test")).containsExactly(new StateChange.ImagePut("a", IMAGE),
                new StateChange.ExportScheduled(new PendingExport("a", "m-1", EXPORT.completesAt(), EXPORT.outcome(), Optional.empty())),
                new StateChange.ImageRemoved("a", "m-1"));
    }

    @Test
    void aBrokenLineSaysWhereItCameFrom() {
        assertThatThrownBy(() -> StateCodec.changes("[{\"op\":\"paintImage\"}]", "changes-3.log line 7"))
                .isInstanceOf(SeedException.class).hasMessageStartingWith("changes-3.log line 7: ");
        assertThatThrownBy(() -> StateCodec.changes("{\"op\":", "changes-3.log line 8"))
                .isInstanceOf(SeedException.class).hasMessageStartingWith("changes-3.log line 8: ");
        assertThatThrownBy(() -> StateCodec.changes("[{\"op\":\"putImage\",\"account\":\"a\",\"image\":{\"ImageId\":\"\"}}]", "log line 9"))
                .isInstanceOf(SeedException.class).hasMessageContaining("log line 9");
    }
}
