package org.kojinext.hub.storage;

import java.nio.file.Path;
import java.util.Map;
import org.kojinext.protocol.KojiFault;

/**
 * The hub's volumes by name. Only Koji's default volume (id 0, "DEFAULT", the volume table's
 * seeded row) has storage so far; it is the top directory itself, as in Koji.
 */
public final class Volumes {
    public static final String DEFAULT = "DEFAULT";
    public static final int DEFAULT_ID = 0;

    private final Map<String, Volume> byName;

    public Volumes(Volume defaultVolume) {
        this.byName = Map.of(DEFAULT, defaultVolume);
    }

    /** The default volume on a directory: storage.topdir. */
    public static Volumes onDisk(Path topdir) {
        return new Volumes(new FsVolume(DEFAULT, topdir));
    }

    public Volume defaultVolume() {
        return byName.get(DEFAULT);
    }

    /** The volume a client named (by name or id); None means the default. GenericError if unknown. */
    public Volume lookup(Object info) {
        if (info == null || Integer.valueOf(DEFAULT_ID).equals(info)) {
            return defaultVolume();
        }
        Volume v = info instanceof String s ? byName.get(s) : null;
        if (v == null) {
            throw KojiFault.generic("No such volume: " + info);
        }
        return v;
    }
}
