package dev.ensemu.server.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One account's images in listing order, indexed by ImageId and ImageName, so a page costs a
 * lookup plus the page itself, never a scan or a sort. A write changes one image in place
 * (O(log n) plus one array shift), and a read-write lock makes every page come from one version.
 */
final class AccountImages {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final ArrayList<Image> ordered;
    private final Map<String, Image> byId;
    /** Small immutable lists in listing order, replaced on change (names repeat a few times at most). */
    private final Map<String, List<Image>> byName;

    AccountImages(List<Image> images) {
        this.ordered = new ArrayList<>(images);
        ordered.sort(Image.LISTING_ORDER);
        this.byId = new HashMap<>(ordered.size() * 2);
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
        lock.readLock().lock();
        try {
            return ordered.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    List<Image> all() {
        lock.readLock().lock();
        try {
            return List.copyOf(ordered);
        } finally {
            lock.readLock().unlock();
        }
    }

    Optional<Image> find(String imageId) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(imageId));
        } finally {
            lock.readLock().unlock();
        }
    }

    Page<Image> page(ImageQuery query) {
        lock.readLock().lock();
        try {
            List<Image> matches = matches(query);
            PageRequest request = query.page();
            long from = Math.min(request.offset(), matches.size());
            long to = Math.min(from + request.size(), matches.size());
            return new Page<>(matches.subList((int) from, (int) to), matches.size(), request);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds the image, or replaces the one with its ImageId. */
    void put(Image image) {
        lock.writeLock().lock();
        try {
            Image old = byId.put(image.imageId(), image);
            if (old != null) {
                unlink(old);
            }
            int at = Collections.binarySearch(ordered, image, Image.LISTING_ORDER);
            ordered.add(at < 0 ? -at - 1 : at, image);
            List<Image> named = new ArrayList<>(byName.getOrDefault(image.imageName(), List.of()));
            int slot = Collections.binarySearch(named, image, Image.LISTING_ORDER);
            named.add(slot < 0 ? -slot - 1 : slot, image);
            byName.put(image.imageName(), List.copyOf(named));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the image with this ImageId; false if there is none. */
    boolean remove(String imageId) {
        lock.writeLock().lock();
        try {
            Image old = byId.remove(imageId);
            if (old != null) {
                unlink(old);
            }
            return old != null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unlink(Image old) {
        ordered.remove(Collections.binarySearch(ordered, old, Image.LISTING_ORDER));
        List<Image> named = new ArrayList<>(byName.get(old.imageName()));
        named.remove(old);
        if (named.isEmpty()) {
            byName.remove(old.imageName());
        } else {
            byName.put(old.imageName(), List.copyOf(named));
        }
    }

    private List<Image> matches(ImageQuery query) {
        if (query.imageId().isPresent()) {
            Image image = byId.get(query.imageId().get());
            return image != null && query.matches(image) ? List.of(image) : List.of();
        }
        if (query.imageName().isPresent()) {
            return byName.getOrDefault(query.imageName().get(), List.of());
        }
        return ordered;
    }
}
