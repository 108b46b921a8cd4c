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
 * (O(log n) plus a shift within one small block), and a read-write lock makes every page come
 * from one version.
 */
final class AccountImages {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final SortedBlocks<Image> ordered;
    private final Map<String, Image> byId;
    /** Small immutable lists in listing order, replaced on change (names repeat a few times at most). */
    private final Map<String, List<Image>> byName;

    AccountImages(List<Image> images) {
        List<Image> sorted = new ArrayList<>(images);
        sorted.sort(Image.LISTING_ORDER);
        this.ordered = new SortedBlocks<>(sorted, Image.LISTING_ORDER);
        this.byId = new HashMap<>(sorted.size() * 2);
        Map<String, List<Image>> names = new HashMap<>();
        for (Image image : sorted) {
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
            return ordered.all();
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
            PageRequest request = query.page();
            Optional<List<Image>> filtered = filtered(query);
            int total = filtered.map(List::size).orElseGet(ordered::size);
            int from = (int) Math.min(request.offset(), total);
            int to = (int) Math.min(from + request.size(), total);
            return new Page<>(filtered.map(f -> f.subList(from, to)).orElseGet(() -> ordered.slice(from, to)), total, request);
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
            ordered.add(image);
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
        ordered.remove(old);
        List<Image> named = new ArrayList<>(byName.get(old.imageName()));
        named.remove(old);
        if (named.isEmpty()) {
            byName.remove(old.imageName());
        } else {
            byName.put(old.imageName(), List.copyOf(named));
        }
    }

    /** The images a filter selects; empty when the query has no filter (then it is the whole listing). */
    private Optional<List<Image>> filtered(ImageQuery query) {
        if (query.imageId().isPresent()) {
            Image image = byId.get(query.imageId().get());
            return Optional.of(image != null && query.matches(image) ? List.of(image) : List.of());
        }
        return query.imageName().map(name -> byName.getOrDefault(name, List.of()));
    }
}
