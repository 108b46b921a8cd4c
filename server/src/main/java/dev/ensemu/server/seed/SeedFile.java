package dev.ensemu.server.seed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A seed file (and the accounts of a saved state, and a control-plane image) as Jackson binds
 * it: names and shapes only. What the values must be is checked when they become domain records
 * ({@link SeedCodec}), where every problem is named by its path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SeedFile(List<SeedAccount> accounts) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SeedAccount(String id, List<SeedKey> accessKeys, List<String> actions, List<SeedImage> images) {}

    /** A key; {@code status} Active/Inactive; temporary credentials add a token and its expiration. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SeedKey(String id, String secret, String status, String securityToken, String expiration) {}

    /** An image with the ENS field names, so a seed can be pasted from a real answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SeedImage(
            @JsonProperty("ImageId") String imageId,
            @JsonProperty("ImageName") String imageName,
            @JsonProperty("CreationTime") String creationTime,
            @JsonProperty("Architecture") String architecture,
            @JsonProperty("Platform") String platform,
            @JsonProperty("ImageOwnerAlias") String imageOwnerAlias,
            @JsonProperty("ImageExportStatus") String imageExportStatus,
            @JsonProperty("ExportedImageURL") String exportedImageUrl) {}
}
