package org.kojinext.hub.buildroots;

import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO;
import static org.kojinext.hub.db.jooq.Tables.RPMINFO;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.builds.RpmStore;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's add_external_rpm in its non-strict form, the one buildroot listings use: an rpm of an
 * external repository is recorded on first sight (no build, no buildroot), and later sightings
 * must carry the same payloadhash.
 */
final class ExternalRpms {
    /** First key of the advisory locks that serialize recording one external rpm ("ExtR"). */
    private static final int LOCK_SPACE = 0x45787452;

    private ExternalRpms() {
    }

    /**
     * The external rpm as get_rpm gives it, recorded first if new. The caller holds the
     * transaction open (a row lock), so the advisory lock lasts until commit.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> add(DSLContext db, Map<?, ?> given, Object location) {
        Map<String, Object> info = new LinkedHashMap<>();
        for (String field : new String[] {"name", "version", "release", "epoch", "arch", "payloadhash", "size",
                "buildtime"}) {
            if (!given.containsKey(field)) {
                throw KojiFault.generic(field + " field missing: " + PythonRepr.of(given));
            }
            Object v = given.get(field);
            boolean ok = switch (field) {
                case "epoch" -> v == null || v instanceof Integer;
                case "size", "buildtime" -> v instanceof Integer || v instanceof Long;
                default -> v instanceof String;
            };
            if (!ok) {
                throw KojiFault.generic("Invalid value for " + field + ": " + PythonRepr.of(v));
            }
            info.put(field, v);
        }
        int repoId = NameOrId.lookupId(db, EXTERNAL_REPO.ID, EXTERNAL_REPO.NAME, location, true);
        if (repoId == 0) {
            throw KojiFault.generic("Not an external repo: " + PythonRepr.str(location));
        }
        String nvra = info.get("name") + "-" + info.get("version") + "-" + info.get("release") + "." + info.get("arch");
        // Koji relies on a unique index and retries after a clash; rpminfo has no such index here,
        // so hosts listing the same new external rpm at once take turns instead.
        db.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(LOCK_SPACE),
                DSL.function("hashtext", SQLDataType.INTEGER, DSL.val(nvra + "@" + repoId)))).fetch();
        Map<String, Object> key = new LinkedHashMap<>(info);
        key.put("location", location);
        Map<String, Object> previous = (Map<String, Object>) RpmStore.get(db, key, false, false);
        if (previous != null) {
            if (!info.get("payloadhash").equals(previous.get("payloadhash"))) {
                throw KojiFault.generic("hash changed for external rpm: " + nvra + "@"
                        + previous.get("external_repo_name") + " (" + previous.get("payloadhash") + " -> "
                        + info.get("payloadhash") + ")");
            }
            return previous;
        }
        int id = db.insertInto(RPMINFO)
                .set(RPMINFO.NAME, (String) info.get("name"))
                .set(RPMINFO.VERSION, (String) info.get("version"))
                .set(RPMINFO.RELEASE, (String) info.get("release"))
                .set(RPMINFO.EPOCH, (Integer) info.get("epoch"))
                .set(RPMINFO.ARCH, (String) info.get("arch"))
                .set(RPMINFO.EXTERNAL_REPO_ID, repoId)
                .set(RPMINFO.PAYLOADHASH, (String) info.get("payloadhash"))
                .set(RPMINFO.SIZE, ((Number) info.get("size")).longValue())
                .set(RPMINFO.BUILDTIME, ((Number) info.get("buildtime")).longValue())
                .returning(RPMINFO.ID).fetchSingle().getId();
        return (Map<String, Object>) RpmStore.get(db, id, true, false);
    }
}
