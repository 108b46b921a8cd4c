package dev.ensemu.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.V1Requests;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * With random images in two accounts (ImageIds and names drawn from one small pool, so they
 * collide across accounts) and random queries, no key ever receives another account's image,
 * and TotalCount counts only its own.
 */
class AccountIsolationIT {
    private static final String[] ACCOUNTS = {"1000000000000001", "1000000000000002"};
    private static final String[][] KEYS = {{DevSeed.KEY_ID, DevSeed.SECRET}, {DevSeed.OTHER_KEY_ID, DevSeed.OTHER_SECRET}};
    private static final InProcessServer emulator = InProcessServer.with(settings -> settings.adminToken("iso"));

    @BeforeContainer
    static void start() {
        emulator.start();
    }

    @AfterContainer
    static void stop() {
        emulator.close();
    }

    /** One generated image: id and name from small pools, a creation second to make an order. */
    record Img(int id, int name, int second) {
        String json(String marker) {
            return Admin.image("m-" + id, "name-" + name, String.format("2030-01-01T00:%02d:%02dZ", second / 60, second % 60),
                    "Unexported").replace("\"Platform\":\"centos\"", "\"Platform\":\"" + marker + "\"");
        }
    }

    @Provide
    Arbitrary<List<Img>> images() {
        Arbitrary<Img> image = Combinators.combine(Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 3599)).as(Img::new);
        return image.list().ofMaxSize(15).uniqueElements(Img::id);
    }

    @Property(tries = 150, seed = "5")
    void noKeyEverSeesAnotherAccountsImage(@ForAll("images") List<Img> first, @ForAll("images") List<Img> second,
            @ForAll("queries") Map<String, String> query) {
        Admin admin = new Admin(emulator.baseUri(), "iso");
        List<List<Img>> byAccount = List.of(first, second);
        for (int a = 0; a < 2; a++) {
            StringJoiner body = new StringJoiner(",", "[", "]");
            for (Img img : byAccount.get(a)) {
                body.add(img.json("account-" + a));
            }
            assertThat(admin.put("/accounts/" + ACCOUNTS[a] + "/images", body.toString()).status()).isEqualTo(204);
        }
        Http http = new Http(emulator.baseUri());
        for (int a = 0; a < 2; a++) {
            JsonNode page = http.get(V1Requests.toQuery(V1Requests.signed("GET", query, KEYS[a][0], KEYS[a][1], Instant.now()))).json();
            int expected = (int) byAccount.get(a).stream().filter(img -> matches(img, query)).count();
            assertThat(page.path("TotalCount").asInt()).as("account %d, query %s", a, query).isEqualTo(expected);
            Set<String> own = new HashSet<>();
            byAccount.get(a).forEach(img -> own.add("m-" + img.id()));
            for (JsonNode image : page.path("Images").path("Image")) {
                assertThat(image.path("Platform").asText()).as("image of account %d answered to %s", a, query).isEqualTo("account-" + a);
                assertThat(own).contains(image.path("ImageId").asText());
            }
        }
    }

    @Provide
    Arbitrary<Map<String, String>> queries() {
        Arbitrary<String> id = Arbitraries.integers().between(0, 14).map(i -> "m-" + i).injectNull(0.5);
        Arbitrary<String> name = Arbitraries.integers().between(0, 5).map(i -> "name-" + i).injectNull(0.5);
        return Combinators.combine(id, name, Arbitraries.integers().between(1, 4), Arbitraries.of(1, 3, 10, 50))
                .as((imageId, imageName, pageNumber, pageSize) -> {
                    Map<String, String> query = new LinkedHashMap<>();
                    if (imageId != null) {
                        query.put("ImageId", imageId);
                    }
                    if (imageName != null) {
                        query.put("ImageName", imageName);
                    }
                    query.put("PageNumber", String.valueOf(pageNumber));
                    query.put("PageSize", String.valueOf(pageSize));
                    return query;
                });
    }

    private static boolean matches(Img img, Map<String, String> query) {
        return (!query.containsKey("ImageId") || query.get("ImageId").equals("m-" + img.id()))
                && (!query.containsKey("ImageName") || query.get("ImageName").equals("name-" + img.name()));
    }
}
