package dev.ensemu.server.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.OwnerAlias;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedLoaderTest {
    @TempDir
    Path dir;

    private static final String IMAGE = """
            {"ImageId": "m-1", "ImageName": "n", "CreationTime": "2024-05-20T08:00:00Z", "Architecture": "x86_64",
             "Platform": "centos", "ImageOwnerAlias": "self", "ImageExportStatus": "Unexported"}""";

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static String seedWith(String image) {
        return "{\"accounts\": [{\"id\": \"a1\", \"accessKeys\": [{\"id\": \"k1\", \"secret\": \"s1\"}], \"images\": [" + image + "]}]}";
    }

    @Test
    void bundledSeedIsRichEnoughToShowEveryRule() {
        List<Account> accounts = SeedLoader.bundled();
        List<Image> images = accounts.stream().flatMap(a -> a.images().stream()).toList();

        assertThat(accounts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(images).hasSizeGreaterThanOrEqualTo(30);
        assertThat(images.stream().map(Image::exportStatus).collect(Collectors.toSet())).isEqualTo(Set.of(ExportStatus.values()));
        assertThat(images.stream().map(Image::ownerAlias).collect(Collectors.toSet())).isEqualTo(Set.of(OwnerAlias.values()));
        assertThat(images.stream().map(Image::platform).distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(images.stream().map(Image::architecture).distinct().count()).isGreaterThanOrEqualTo(2);
        assertThat(images).anyMatch(i -> i.imageName().chars().anyMatch(c -> c > 127));
        assertThat(accounts).anyMatch(a -> !a.mayCall("ens:DescribeExportImageInfo"));
        assertThat(accounts).as("a read-only account").anyMatch(a -> a.mayCall("ens:DescribeExportImageInfo")
                && a.mayCall("ens:DescribeExportImageStatus") && !a.mayCall("ens:ExportImage") && !a.images().isEmpty());
    }

    @Test
    void keysMayBeInactiveOrTemporaryAndReadBackTheSame() throws IOException {
        Path seed = write("keys.json", """
                {"accounts": [{"id": "a1", "accessKeys": [
                  {"id": "k1", "secret": "s1", "status": "Inactive"},
                  {"id": "STS.k2", "secret": "s2", "securityToken": "CAIStoken", "expiration": "2030-01-01T00:00:00Z"}]}]}""");

        List<Account> accounts = SeedLoader.load(seed);
        List<dev.ensemu.server.domain.AccessKey> keys = accounts.get(0).accessKeys();

        assertThat(keys.get(0).active()).isFalse();
        assertThat(keys.get(0).isTemporary()).isFalse();
        assertThat(keys.get(1).active()).isTrue();
        assertThat(keys.get(1).securityToken()).hasValueSatisfying(token -> {
            assertThat(token.value()).isEqualTo("CAIStoken");
            assertThat(token.expiration()).isEqualTo(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        });
        assertThat(keys.get(1).toString()).doesNotContain("CAIStoken", "s2");
        assertThat(SeedCodec.accountsFromTree(SeedCodec.toTree(accounts), "round trip")).isEqualTo(accounts);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\": \"k\", \"secret\": \"s\", \"status\": \"Off\"}|accounts[0].accessKeys[0].status: must be Active or Inactive",
            "{\"id\": \"k\", \"secret\": \"s\", \"securityToken\": \"t\"}|accounts[0].accessKeys[0].expiration: is required with a securityToken",
            "{\"id\": \"k\", \"secret\": \"s\", \"expiration\": \"2030-01-01T00:00:00Z\"}|accounts[0].accessKeys[0].expiration: is only for temporary credentials",
            "{\"id\": \"k\", \"secret\": \"s\", \"securityToken\": \"t\", \"expiration\": \"soon\"}|accounts[0].accessKeys[0].expiration: must be a UTC time"})
    void badKeyFieldsAreNamed(String key, String message) throws IOException {
        Path seed = write("bad-key.json", "{\"accounts\": [{\"id\": \"a1\", \"accessKeys\": [" + key + "]}]}");

        assertThatThrownBy(() -> SeedLoader.load(seed)).isInstanceOf(SeedException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ens:Export Image|accounts[0].actions[1]", "ens|accounts[0].actions[1]", "''|accounts[0].actions[1]"})
    void malformedActionPatternIsRefusedWithItsPlace(String action, String place) throws IOException {
        Path seed = write("bad-action.json", "{\"accounts\": [{\"id\": \"a1\", \"accessKeys\": [{\"id\": \"k\", \"secret\": \"s\"}],"
                + " \"actions\": [\"ens:Describe*\", \"" + action + "\"]}]}");

        assertThatThrownBy(() -> SeedLoader.load(seed)).isInstanceOf(SeedException.class)
                .hasMessageContaining(place + ": must be * or product:Action").hasMessageContaining("\"" + action + "\"");
    }

    @Test
    void readsJsonAndYamlAlike() throws IOException {
        List<Account> fromJson = SeedLoader.load(write("seed.json", seedWith(IMAGE)));
        List<Account> fromYaml = SeedLoader.load(write("seed.yaml", """
                accounts:
                  - id: a1
                    accessKeys: [{id: k1, secret: s1}]
                    images:
                      - ImageId: m-1
                        ImageName: n
                        CreationTime: "2024-05-20T08:00:00Z"
                        Architecture: x86_64
                        Platform: centos
                        ImageOwnerAlias: self
                        ImageExportStatus: Unexported
                """));

        assertThat(fromYaml).isEqualTo(fromJson);
        assertThat(fromJson.get(0).allowedActions()).containsExactly(Account.EVERY_ENS_ACTION);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"CreationTime\": \"2024-05-20T08:00:00Z\"|\"CreationTime\": \"yesterday\"|accounts[0].images[0].CreationTime",
        "\"ImageExportStatus\": \"Unexported\"|\"ImageExportStatus\": \"Done\"|accounts[0].images[0].ImageExportStatus",
        "\"ImageOwnerAlias\": \"self\"|\"ImageOwnerAlias\": \"me\"|accounts[0].images[0].ImageOwnerAlias",
        "\"ImageExportStatus\": \"Unexported\"|\"ImageExportStatus\": \"Exported\"|accounts[0].images[0].ExportedImageURL",
        "\"ImageId\": \"m-1\",|\"ImageId\": \"m-1\", \"Colour\": \"red\",|accounts[0].images[0].Colour",
        "\"ImageName\": \"n\"|\"ImageName\": 7|accounts[0].images[0].ImageName",
        "\"ImageId\": \"m-1\",|\"ImageId\": \"\",|accounts[0].images[0].ImageId"
    })
    void badFieldIsNamedWithItsFileOnOneLine(String from, String to, String field) throws IOException {
        Path file = write("bad.json", seedWith(IMAGE.replace(from, to)));

        assertThatThrownBy(() -> SeedLoader.load(file))
                .isInstanceOf(SeedException.class)
                .hasMessageStartingWith("seed file " + file + ": " + field + ":")
                .hasMessageNotContaining("\n");
    }

    @Test
    void urlOnAnImageThatIsNotExportedIsRefused() throws IOException {
        Path file = write("bad.json", seedWith(IMAGE.replace("\"Platform\"",
                "\"ExportedImageURL\": \"https://b.oss.example/m-1.qcow2\", \"Platform\"")));

        assertThatThrownBy(() -> SeedLoader.load(file)).hasMessageContaining("accounts[0].images[0].ExportedImageURL");
    }

    @Test
    void duplicateImageIdIsRefused() throws IOException {
        Path file = write("dup.json", seedWith(IMAGE + "," + IMAGE));

        assertThatThrownBy(() -> SeedLoader.load(file)).hasMessageContaining("accounts[0].images[1].ImageId: repeats ImageId m-1");
    }

    @Test
    void duplicateAccessKeyAcrossAccountsIsRefused() throws IOException {
        Path file = write("dupkey.json", """
                {"accounts": [
                  {"id": "a1", "accessKeys": [{"id": "k", "secret": "s"}]},
                  {"id": "a2", "accessKeys": [{"id": "k", "secret": "t"}]}]}""");

        assertThatThrownBy(() -> SeedLoader.load(file)).hasMessageContaining("accounts[1].accessKeys[0].id");
    }

    @Test
    void malformedJsonMissingFileAndEmptyAccountsAreClear() throws IOException {
        Path broken = write("broken.json", "{\"accounts\": [");
        assertThatThrownBy(() -> SeedLoader.load(broken)).hasMessageStartingWith("seed file " + broken + ": is not well-formed");

        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> SeedLoader.load(missing)).hasMessageStartingWith("seed file " + missing + ": cannot be read");

        Path empty = write("empty.json", "{\"accounts\": []}");
        assertThatThrownBy(() -> SeedLoader.load(empty)).hasMessage("seed file " + empty + ": accounts: must be a non-empty list");
    }
}
