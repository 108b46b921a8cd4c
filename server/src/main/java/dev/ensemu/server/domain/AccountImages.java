package dev.ensemu.server.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of one account's images in listing order, indexed by ImageId and
 * ImageName, so a page costs a lookup plus the page itself, never a scan or a sort.
 */
final class AccountImages {
    static final AccountImages EMPTY = new AccountImages(List.of());

    private final Image[] ordered;
    private final Map<String, Image> byId;
    private final Map<String, List<Image>> byName;

    AccountImages(List<Image> images) {
        this.ordered = images.toArray(Image[]::new);
        Arrays.sort(ordered, Image.LISTING_ORDER);
        this.byId = new HashMap<>(ordered.length * 2);
        Map<String, List<Image>> names = new HashMap<>();
        for (Image image : ordered) {
            if (byId.putIfAbsent(image.imageId(), image) != null) {
                throw new IllegalArgumentException("duplicate ImageId " + image.imageId());
            }
            names.computeIfAbsent(image.imageName(), n -> new ArrayList<>()).add(image);
        }
        names.replaceAll((name, list) -> List.copyOf(list));
        this.byName = names;
    }

    int size() {
        return ordered.length;
    }

    List<Image> all() {
        return List.of(ordered);
    }

    Page<Image> page(ImageQuery query) {
        List<Image> matches = matches(query);
        PageRequest request = query.page();
        long from = Math.min(request.offset(), matches.size());
        long to = Math.min(from + request.size(), matches.size());
        return new Page<>(matches.subList((int) from, (int) to), matches.size(), request);
    }

    private List<Image> matches(ImageQuery query) {
        if (query.imageId().isPresent()) {
            Image image = byId.get(query.imageId().get());
            return image != null && query.matches(image) ? List.of(image) : List.of();
        }
        if (query.imageName().isPresent()) {
            return byName.getOrDefault(query.imageName().get(), List.of());
        }
        return Arrays.asList(ordered);
    }
}
