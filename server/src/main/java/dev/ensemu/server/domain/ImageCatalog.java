package dev.ensemu.server.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images of every account. Each page comes from one consistent version of the account's
 * images; a write changes one image without copying the others, so it costs the same for 30
 * images as for a million.
 */
public final class ImageCatalog {
    private final Map<String, AccountImages> byAccount = new ConcurrentHashMap<>();

    public ImageCatalog(Map<String, List<Image>> imagesByAccount) {
        imagesByAccount.forEach(this::replace);
    }

    /** One page of the account's images; an account without images has an empty listing. */
    public Page<Image> describeExportImageInfo(String accountId, ImageQuery query) {
        return account(accountId).page(query);
    }

    public List<Image> images(String accountId) {
        return account(accountId).all();
    }

    public Optional<Image> find(String accountId, String imageId) {
        return account(accountId).find(imageId);
    }

    public int size() {
        return byAccount.values().stream().mapToInt(AccountImages::size).sum();
    }

    /** Adds the image to the account, or replaces the account's image with the same ImageId. */
    public void put(String accountId, Image image) {
        byAccount.computeIfAbsent(accountId, a -> new AccountImages(List.of())).put(image);
    }

    public boolean remove(String accountId, String imageId) {
        return account(accountId).remove(imageId);
    }

    /** Replaces all images of one account at once (readers see the old or the new list, never a mix). */
    public void replace(String accountId, List<Image> images) {
        byAccount.put(accountId, new AccountImages(images));
    }

    /** Drops every account's images. */
    public void clear() {
        byAccount.clear();
    }

    private AccountImages account(String accountId) {
        AccountImages images = byAccount.get(accountId);
        return images != null ? images : EMPTY;
    }

    private static final AccountImages EMPTY = new AccountImages(List.of());
}
