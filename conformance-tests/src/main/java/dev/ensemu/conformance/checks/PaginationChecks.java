package dev.ensemu.conformance.checks;

import dev.ensemu.contract.report.Level;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pagination invariants over whatever data the target has; not applicable to an empty account. */
class PaginationChecks extends CheckSupport {
    /** What the listing's generated requests are judged by (GEN-01, GEN-02). */
    static final OperationOracle ORACLE = new ListingOracle();

    @ParameterizedTest(name = "PageSize={0}")
    @ValueSource(ints = {1, 3, 10, 50})
    @Check(id = "PAG-01", rules = {"R-ANS-02"}, description = "Consecutive pages concatenate to the listing: same order for every size, no duplicates, nothing lost")
    void pagesConcatenateToTheListing(int pageSize) {
        Listing listing = listingWithImages(WALKED_IMAGES);
        List<String> walked = new ArrayList<>();
        for (int page = 1; walked.size() < listing.images().size(); page++) {
            Answer answer = ok(Call.get().query("PageSize", pageSize).query("PageNumber", page));
            if (answer.images().isEmpty()) {
                break;
            }
            walked.addAll(answer.imageIds());
        }
        List<String> prefix = walked.subList(0, Math.min(walked.size(), listing.images().size()));
        Set<String> unique = new HashSet<>(prefix);
        assertThat(unique).as("no image twice within the first %d", prefix.size()).hasSize(prefix.size());
        assertThat(prefix).as("pages of %d in order", pageSize).isEqualTo(listing.ids());
    }

    @ParameterizedTest(name = "PageSize={0}")
    @ValueSource(ints = {1, 3, 10, 50})
    @Check(id = "PAG-02", rules = {"R-ANS-02"}, description = "Every page before the last is full and the last page holds the remainder")
    void pagesAreFullAndTheLastHoldsTheRemainder(int pageSize) {
        int total = listingWithImages(1).totalCount();
        int lastPage = (total + pageSize - 1) / pageSize;

        assertThat(ok(Call.get().query("PageSize", pageSize).query("PageNumber", 1)).images())
                .hasSize(Math.min(pageSize, total));
        if (lastPage > 1) {
            assertThat(ok(Call.get().query("PageSize", pageSize).query("PageNumber", lastPage - 1)).images())
                    .as("page %d of %d", lastPage - 1, lastPage).hasSize(pageSize);
        }
        assertThat(ok(Call.get().query("PageSize", pageSize).query("PageNumber", lastPage)).images())
                .as("last page %d", lastPage).hasSize(total - (lastPage - 1) * pageSize);
    }

    @Test
    @Check(id = "PAG-03", rules = {"R-ANS-04"}, description = "TotalCount is the same on every page and for every page size")
    void totalCountIsTheSameOnEveryPage() {
        int total = listingWithImages(1).totalCount();
        for (int pageSize : new int[] {1, 3, 10, 50}) {
            for (int page : new int[] {1, 2, (total + pageSize - 1) / pageSize}) {
                assertThat(ok(Call.get().query("PageSize", pageSize).query("PageNumber", page)).totalCount())
                        .as("TotalCount on page %d of size %d", page, pageSize).isEqualTo(total);
            }
        }
    }

    @Test
    @Check(id = "PAG-04", rules = {"R-ANS-03"}, level = Level.SHOULD, description = "A page past the end is 200 with an empty Images.Image list and the same TotalCount")
    void pagePastTheEndIsEmpty() {
        int total = listing(1).totalCount();
        Answer past = ok(Call.get().query("PageSize", 10).query("PageNumber", total / 10 + 2));
        Answer farPast = ok(Call.get().query("PageSize", 50).query("PageNumber", Integer.MAX_VALUE));

        assertThat(past.images()).isEmpty();
        assertThat(past.json().path("Images").path("Image").isArray()).as("Images.Image is a list").isTrue();
        assertThat(past.totalCount()).isEqualTo(total);
        assertThat(farPast.images()).isEmpty();
        assertThat(farPast.totalCount()).isEqualTo(total);
    }

    @Test
    @Check(id = "PAG-05", rules = {"R-ANS-04"}, description = "The answer echoes the PageNumber and PageSize that were asked for")
    void pageNumberAndSizeAreEchoed() {
        Answer answer = ok(Call.get().query("PageSize", 7).query("PageNumber", 3));

        assertThat(answer.json().path("PageNumber").asInt()).isEqualTo(3);
        assertThat(answer.json().path("PageSize").asInt()).isEqualTo(7);
    }
}
