package dev.ensemu.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.api.control.model.ImageRecord;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.seed.SeedException;
import dev.ensemu.server.seed.SeedCodec;

/** Maps the control plane's generated image model to domain images, with the seed file's validation. */
final class ImageRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageRecords() {}

    static Image toDomain(ImageRecord record, String name) {
        if (record == null) {
            throw new ControlPlaneException(ControlPlaneException.Kind.INVALID_FIELD, name + ": an image object is required");
        }
        JsonNode tree = JSON.valueToTree(record);
        try {
            return SeedCodec.imageFromTree(tree, name);
        } catch (SeedException e) {
            throw new ControlPlaneException(ControlPlaneException.Kind.INVALID_FIELD, e.getMessage());
        }
    }

    static ImageRecord toRecord(Image image) {
        return JSON.convertValue(SeedCodec.imageTree(image), ImageRecord.class);
    }
}
