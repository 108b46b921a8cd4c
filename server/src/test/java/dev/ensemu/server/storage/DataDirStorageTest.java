package dev.ensemu.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.OwnerAlias;
import dev.ensemu.server.seed.SeedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory as files: a snapshot plus a log of lines, replayed, folded, and safe against a torn last line. */
class DataDirStorageTest {
    private static final Account SEED = new Account("a", List.of(new AccessKey("k", "s")), Set.of("ens:*"), List.of());

    @TempDir
    Path dir;

    private static Image image(String id) {
        return new Image(id, "n-" + id, Instant.parse("2030-01-01T00:00:00Z"), "x86_64", "centos", OwnerAlias.SELF,
                ExportStatus.UNEXPORTED, Optional.empty());
    }

    /** What a caller of the storage holds: the state after every change it was given (only images change in these tests). */
    private static final class Replica implements Consumer<StateChange>, StateChange.Visitor<RuntimeException> {
        final List<String> ids = new ArrayList<>();

        @Override
        public void accept(StateChange change) {
            change.accept(this);
        }

        @Override
        public void imagePut(StateChange.ImagePut change) {
            ids.remove(change.image().imageId());
            ids.add(change.image().imageId());
        }

        @Override
        public void imageRemoved(StateChange.ImageRemoved change) {
            ids.remove(change.imageId());
        }

        @Override
        public void imagesReplaced(StateChange.ImagesReplaced change) {
            ids.clear();
            change.images().forEach(image -> ids.add(image.imageId()));
        }

        @Override
        public void exportScheduled(StateChange.ExportScheduled change) {
            // not part of these tests
        }

        @Override
        public void exportUnscheduled(StateChange.ExportUnscheduled change) {
            // not part of these tests
        }

        @Override
        public void accountPut(StateChange.AccountPut change) {
            // not part of these tests
        }

        @Override
        public void replaced(StateChange.Replaced change) {
            ids.clear();
            change.state().accounts().forEach(account -> account.images().forEach(image -> ids.add(image.imageId())));
        }

        StoredState state() {
            return StoredState.of(List.of(new Account("a", SEED.accessKeys(), SEED.allowedActions(), ids.stream().map(DataDirStorageTest::image).toList())));
        }
    }

    private Replica open(DataDirStorage storage) {
        Replica replica = new Replica();
        storage.open(List.of(SEED), replica::state).accounts().get(0).images().forEach(i -> replica.ids.add(i.imageId()));
        storage.catchUp(System.nanoTime(), this, replica);
        return replica;
    }

    private List<Path> logs() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("changes-")).toList();
        }
    }

    @Test
    void aWriteIsOneAppendedLineAndARestartFoldsTheLogIntoANewSnapshot() throws Exception {
        try (DataDirStorage storage = DataDirStorage.open(dir)) {
            Replica replica = open(storage);
            long snapshotBytes = Files.size(dir.resolve("state.json"));
            storage.write(() -> List.of(new StateChange.ImagePut("a", image("m-1"))), replica);
            storage.write(() -> List.of(new StateChange.ImagePut("a", image("m-2")), new StateChange.ImageRemoved("a", "m-1")), replica);
            assertThat(Files.size(dir.resolve("state.json"))).as("the snapshot is not rewritten per write").isEqualTo(snapshotBytes);
            assertThat(logs()).hasSize(1);
            assertThat(Files.readAllLines(logs().get(0))).hasSize(2);
        }
        try (DataDirStorage storage = DataDirStorage.open(dir)) {
            assertThat(open(storage).ids).containsExactly("m-2");
            assertThat(Files.readAllLines(logs().get(0))).as("folded into the snapshot at start-up").isEmpty();
        }
        try (DataDirStorage storage = DataDirStorage.open(dir)) {
            assertThat(open(storage).ids).containsExactly("m-2");
        }
    }

    /** A server that wrote one image and stopped: the log has one line. */
    private Path logOfOneWrite(String imageId) throws Exception {
        try (DataDirStorage storage = DataDirStorage.open(dir)) {
            Replica replica = open(storage);
            storage.write(() -> List.of(new StateChange.ImagePut("a", image(imageId))), replica);
        }
        return logs().get(0);
    }

    @Test
    void aTornLastLineWasNeverAcknowledgedAndIsLeftOut() throws Exception {
        Files.writeString(logOfOneWrite("m-acked"), "[{\"op\":\"putImage\",\"account\":\"a\",\"ima", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (DataDirStorage storage = DataDirStorage.open(dir)) {
            assertThat(open(storage).ids).containsExactly("m-acked");
        }
    }

    @Test
    void aBrokenLineInsideTheLogIsRefusedNamingTheFileAndLine() throws Exception {
        Path log = logOfOneWrite("m-1");
        Files.writeString(log, "not json\n" + Files.readString(log));
        try (DataDirStorage storage = DataDirStorage.open(dir)) {
            assertThatThrownBy(() -> open(storage)).isInstanceOf(SeedException.class)
                    .hasMessageContaining(log.getFileName().toString()).hasMessageContaining("line 1");
        }
    }

    @Test
    void everyChangeReadsBackAsWritten() {
        List<StateChange> changes = List.of(new StateChange.ImagePut("a", image("m-1")), new StateChange.ImageRemoved("a", "m-2"),
                new StateChange.ImagesReplaced("a", List.of(image("m-3"), image("m-4"))),
                new StateChange.ExportScheduled(new PendingExport("a", "m-3", Instant.parse("2030-01-01T00:01:00Z"),
                        ExportStatus.EXPORT_ERROR, Optional.empty())),
                new StateChange.ExportScheduled(new PendingExport("a", "m-4", Instant.parse("2030-01-01T00:01:00Z"),
                        ExportStatus.EXPORTED, Optional.of(java.net.URI.create("https://b.oss-cn-beijing.aliyuncs.com/m-4.qcow2")))),
                new StateChange.ExportUnscheduled("a", "m-3"), new StateChange.AccountPut(SEED),
                new StateChange.Replaced(StoredState.of(List.of(SEED))));
        assertThat(StateCodec.changes(StateCodec.changes(changes), "test")).isEqualTo(changes);
    }
}
