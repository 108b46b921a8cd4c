package dev.ensemu.server.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.domain.EnsException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageCatalogTest {
    private static final String ACCOUNT = "acct";

    private static Image image(String id, String name, String created) {
        return new Image(id, name, Instant.parse(created), "x86_64", "centos", OwnerAlias.SELF,
                ExportStatus.UNEXPORTED, Optional.empty());
    }

    private static ImageCatalog catalogOf(List<Image> images) {
        return new ImageCatalog(Map.of(ACCOUNT, images));
    }

    private static List<String> ids(Page<Image> page) {
        return page.items().stream().map(Image::imageId).toList();
    }

    private static List<Image> numbered(int count) {
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add(image(String.format("m-%03d", i), "name-" + (i % 3), "2024-01-01T00:00:00Z"));
        }
        return images;
    }

    @Test
    void listsNewestFirstThenByImageId() {
        ImageCatalog catalog = catalogOf(List.of(
                image("m-b", "n", "2024-01-01T00:00:00Z"),
                image("m-c", "n", "2024-03-01T00:00:00Z"),
                image("m-a", "n", "2024-01-01T00:00:00Z")));

        Page<Image> page = catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 1, 10));

        assertThat(ids(page)).containsExactly("m-c", "m-a", "m-b");
    }

    @Test
    void aPutImageTakesItsPlaceInTheListingAndItsIndexesAtOnce() {
        ImageCatalog catalog = catalogOf(List.of(image("m-b", "n", "2024-01-01T00:00:00Z"), image("m-c", "n", "2024-03-01T00:00:00Z")));

        catalog.put(ACCOUNT, image("m-a", "other", "2024-02-01T00:00:00Z"));
        assertThat(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 1, 10)))).containsExactly("m-c", "m-a", "m-b");
        assertThat(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, "other", 1, 10)))).containsExactly("m-a");

        catalog.put(ACCOUNT, image("m-a", "n", "2025-01-01T00:00:00Z")); // same ImageId: replaced, moved, renamed
        assertThat(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 1, 10)))).containsExactly("m-a", "m-c", "m-b");
        assertThat(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, "other", 1, 10)))).isEmpty();
        assertThat(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, "n", 1, 10)))).containsExactly("m-a", "m-c", "m-b");
        assertThat(catalog.size()).isEqualTo(3);

        assertThat(catalog.remove(ACCOUNT, "m-c")).isTrue();
        assertThat(catalog.remove(ACCOUNT, "m-c")).isFalse();
        assertThat(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, "n", 1, 10)))).containsExactly("m-a", "m-b");
        assertThat(catalog.find(ACCOUNT, "m-c")).isEmpty();
        assertThat(catalog.find(ACCOUNT, "m-b")).isPresent();

        catalog.put("new-account", image("m-z", "z", "2024-01-01T00:00:00Z"));
        assertThat(catalog.images("new-account")).extracting(Image::imageId).containsExactly("m-z");
    }

    @Test
    void defaultsToFirstPageOfTen() {
        Page<Image> page = catalogOf(numbered(25)).describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 1, 10));

        assertThat(page.items()).hasSize(10);
        assertThat(page.request()).isEqualTo(new PageRequest(1, 10));
        assertThat(page.totalCount()).isEqualTo(25);
    }

    @Test
    void lastPageHoldsRemainder() {
        Page<Image> page = catalogOf(numbered(25)).describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 3, 10));

        assertThat(ids(page)).containsExactly("m-020", "m-021", "m-022", "m-023", "m-024");
        assertThat(page.totalCount()).isEqualTo(25);
    }

    @Test
    void exactMultipleHasNoExtraPage() {
        ImageCatalog catalog = catalogOf(numbered(20));

        assertThat(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 2, 10)).items()).hasSize(10);
        assertThat(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 3, 10)).items()).isEmpty();
    }

    @Test
    void pageBeyondLastIsEmptyWithTrueTotal() {
        Page<Image> page = catalogOf(numbered(7)).describeExportImageInfo(ACCOUNT,
                ImageQuery.of(null, null, Integer.MAX_VALUE, 50));

        assertThat(page.items()).isEmpty();
        assertThat(page.totalCount()).isEqualTo(7);
        assertThat(page.request().number()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void pagesConcatenateToTheWholeListingForEverySize() {
        ImageCatalog catalog = catalogOf(numbered(23));
        List<String> all = ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 1, 50)));
        for (int size : new int[] {1, 3, 10, 50}) {
            List<String> joined = new ArrayList<>();
            for (int number = 1; number <= (23 + size - 1) / size; number++) {
                joined.addAll(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, number, size))));
            }
            assertThat(joined).as("page size %d", size).isEqualTo(all);
        }
    }

    @Test
    void emptyAccountHasEmptyListing() {
        Page<Image> page = catalogOf(List.of()).describeExportImageInfo("someone-else", ImageQuery.of(null, null, 1, 10));

        assertThat(page.items()).isEmpty();
        assertThat(page.totalCount()).isZero();
    }

    @Test
    void filtersByExactImageId() {
        ImageCatalog catalog = catalogOf(numbered(12));

        assertThat(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of("m-004", null, 1, 10))))
                .containsExactly("m-004");
        assertThat(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of("m-00", null, 1, 10)).totalCount())
                .isZero();
    }

    @Test
    void filtersByExactImageNameInListingOrder() {
        Page<Image> page = catalogOf(numbered(12)).describeExportImageInfo(ACCOUNT, ImageQuery.of(null, "name-1", 1, 10));

        assertThat(ids(page)).containsExactly("m-001", "m-004", "m-007", "m-010");
        assertThat(page.totalCount()).isEqualTo(4);
    }

    @Test
    void bothFiltersMustMatch() {
        ImageCatalog catalog = catalogOf(numbered(12));

        assertThat(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of("m-004", "name-1", 1, 10)).totalCount())
                .isEqualTo(1);
        assertThat(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of("m-004", "name-2", 1, 10)).totalCount())
                .isZero();
    }

    @Test
    void emptyFilterValuesMeanNotGiven() {
        Page<Image> page = catalogOf(numbered(12)).describeExportImageInfo(ACCOUNT, ImageQuery.of("", "", 1, 10));

        assertThat(page.totalCount()).isEqualTo(12);
    }

    @Test
    void accountsSeeOnlyTheirOwnImages() {
        ImageCatalog catalog = new ImageCatalog(Map.of(
                "a", List.of(image("m-a", "shared", "2024-01-01T00:00:00Z")),
                "b", List.of(image("m-b", "shared", "2024-01-01T00:00:00Z"))));

        assertThat(ids(catalog.describeExportImageInfo("a", ImageQuery.of(null, "shared", 1, 10)))).containsExactly("m-a");
        assertThat(catalog.describeExportImageInfo("a", ImageQuery.of("m-b", null, 1, 10)).totalCount()).isZero();
    }

    @Test
    void replaceSwapsTheWholeListing() {
        ImageCatalog catalog = catalogOf(numbered(3));

        catalog.replace(ACCOUNT, List.of(image("m-new", "n", "2025-01-01T00:00:00Z")));

        assertThat(ids(catalog.describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 1, 10)))).containsExactly("m-new");
    }

    @Test
    void duplicateImageIdIsRefused() {
        assertThatThrownBy(() -> catalogOf(List.of(image("m-1", "a", "2024-01-01T00:00:00Z"), image("m-1", "b", "2024-01-02T00:00:00Z"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m-1");
    }

    @Test
    void exportedImagesCarryTheirUrlAndOnlyThey() {
        URI url = URI.create("https://bucket.oss-cn-beijing.aliyuncs.com/m-1.qcow2");
        assertThatThrownBy(() -> new Image("m-1", "n", Instant.EPOCH, "x86_64", "centos", OwnerAlias.SELF,
                ExportStatus.EXPORTING, Optional.of(url))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Image("m-1", "n", Instant.EPOCH, "x86_64", "centos", OwnerAlias.SELF,
                ExportStatus.EXPORTED, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
