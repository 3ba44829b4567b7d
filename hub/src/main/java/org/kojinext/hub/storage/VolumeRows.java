package org.kojinext.hub.storage;

import static org.kojinext.hub.db.jooq.Tables.VOLUME;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Koji's volume table: the names builds may be stored under (DEFAULT is the topdir). */
public final class VolumeRows {
    private VolumeRows() {
    }

    /** Koji's list_volumes: every volume as {id, name}, by id. */
    public static List<Map<String, Object>> all(DSLContext db) {
        return db.select(VOLUME.ID, VOLUME.NAME).from(VOLUME).orderBy(VOLUME.ID).fetch(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.value1());
            m.put("name", r.value2());
            return m;
        });
    }
}
