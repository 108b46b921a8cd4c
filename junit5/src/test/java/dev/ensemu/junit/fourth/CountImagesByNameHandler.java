package dev.ensemu.junit.fourth;

import dev.ensemu.junit.fourth.api.CountImagesByNameApi;
import dev.ensemu.junit.fourth.api.model.CountImagesByNameResponse;
import dev.ensemu.server.domain.ImageQuery;
import dev.ensemu.server.rpc.Calls;
import dev.ensemu.server.state.ImageOperations;
import jakarta.ws.rs.core.Response;

/** The test-only operation's handler: the one class the recipe asks for besides the document's section. */
public final class CountImagesByNameHandler implements CountImagesByNameApi {
    private final ImageOperations state;

    public CountImagesByNameHandler(ImageOperations state) {
        this.state = state;
    }

    @Override
    public Response countImagesByName(String imageName) {
        int count = state.describeExportImageInfo(Calls.accountId(), ImageQuery.of(null, imageName, 1, 1)).totalCount();
        return Calls.answer(new CountImagesByNameResponse().totalCount(count).requestId(Calls.requestId()));
    }
}
