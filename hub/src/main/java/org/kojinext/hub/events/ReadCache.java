package org.kojinext.hub.events;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.kojinext.hub.db.Tx;

/**
 * Answers for hot reads, kept while the tables they came from are unchanged (see
 * {@link ChangeFeed}). Values must be immutable: every caller shares them.
 *
 * <p>A transaction that has written reads through to the database: it may have changed these
 * very tables, and what it sees is not yet committed, so neither may it be served from nor stored
 * in the cache.
 */
public final class ReadCache<K, V> {
    private final ChangeFeed feed;
    private final String[] tables;
    private final int maxEntries;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(long stamp, V value) {
    }

    /** @param tables every table the loaded values are read from */
    public ReadCache(ChangeFeed feed, int maxEntries, String... tables) {
        this.feed = feed;
        this.maxEntries = maxEntries;
        this.tables = tables.clone();
    }

    public V get(Tx tx, K key, Function<? super K, ? extends V> load) {
        long stamp = feed.stamp(tables);
        if (stamp == ChangeFeed.NOT_LIVE || tx.wrote()) {
            return load.apply(key);
        }
        Entry<V> e = entries.get(key);
        if (e != null && e.stamp == stamp) {
            return e.value;
        }
        // Taken before loading: a change committed while loading makes this entry stale at once.
        V value = load.apply(key);
        if (entries.size() >= maxEntries) {
            // Crude, but the cache only saves work: a full one starts over rather than tracking use.
            entries.clear();
        }
        entries.put(key, new Entry<>(stamp, value));
        return value;
    }
}
