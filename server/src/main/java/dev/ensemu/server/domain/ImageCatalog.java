package dev.ensemu.server.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The images of every account. Readers work on an immutable snapshot, so a page always comes from
 * one consistent version of the data while a writer swaps in a new one.
 */
public final class ImageCatalog {
    private volatile Map<String, AccountImages> byAccount;

    public ImageCatalog(Map<String, List<Image>> imagesByAccount) {
        Map<String, AccountImages> snapshot = new HashMap<>();
        imagesByAccount.forEach((account, images) -> snapshot.put(account, new AccountImages(images)));
        this.byAccount = Map.copyOf(snapshot);
    }

    /** One page of the account's images; an account without images has an empty listing. */
    public Page<Image> describeExportImageInfo(String accountId, ImageQuery query) {
        return byAccount.getOrDefault(accountId, AccountImages.EMPTY).page(query);
    }

    public List<Image> images(String accountId) {
        return byAccount.getOrDefault(accountId, AccountImages.EMPTY).all();
    }

    public int size() {
        return byAccount.values().stream().mapToInt(AccountImages::size).sum();
    }

    /** Replaces all images of one account at once (readers see the old or the new list, never a mix). */
    public synchronized void replace(String accountId, List<Image> images) {
        Map<String, AccountImages> next = new HashMap<>(byAccount);
        next.put(accountId, new AccountImages(images));
        byAccount = Map.copyOf(next);
    }
}
