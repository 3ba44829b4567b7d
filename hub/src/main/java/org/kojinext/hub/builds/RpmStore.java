package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.BUILDROOT_LISTING;
import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO;
import static org.kojinext.hub.db.jooq.Tables.RPMINFO;
import static org.kojinext.hub.db.jooq.Tables.STANDARD_BUILDROOT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Reading rpms: Koji's get_rpm (with its choice among overlapping N-V-R.As) and list_rpms. */
public final class RpmStore {
    static final Field<String> NVR = RPMINFO.NAME.concat(DSL.inline("-"), RPMINFO.VERSION, DSL.inline("-"),
            RPMINFO.RELEASE).as("nvr");
    private static final Table<?> FROM = RPMINFO.leftJoin(EXTERNAL_REPO).on(EXTERNAL_REPO.ID.eq(RPMINFO.EXTERNAL_REPO_ID));
    private static final List<SelectFieldOrAsterisk> FIELDS = fields();
    private static final Map<String, Field<?>> SORTABLE = sortable();

    private RpmStore() {
    }

    private static List<SelectFieldOrAsterisk> fields() {
        List<SelectFieldOrAsterisk> f = new ArrayList<>(List.of(RPMINFO.fields()));
        f.add(EXTERNAL_REPO.NAME);
        f.add(NVR);
        return List.copyOf(f);
    }

    /**
     * Koji's get_rpm: an id (int or digits), "N-V-R.A[@location]", or a struct with id or
     * name/version/release/arch (and optionally location, an external repo). With several matches
     * it prefers the internal non-draft rpm, then the newest draft, then the newest external one;
     * {@code multi} returns them all.
     */
    public static Object get(DSLContext db, Object info, boolean strict, boolean multi) {
        Map<String, Object> data;
        if (info instanceof Integer id) {
            data = new LinkedHashMap<>(Map.of("id", id));
        } else if (info instanceof String s) {
            data = parseKey(s);
        } else if (info instanceof Map<?, ?> m) {
            data = new LinkedHashMap<>();
            m.forEach((k, v) -> data.put(String.valueOf(k), v));
        } else {
            throw KojiFault.generic("Invalid type for rpminfo: " + PyValues.classOf(info));
        }
        List<Map<String, Object>> rpms = find(db, data);
        if (multi) {
            return rpms;
        }
        if (rpms.isEmpty()) {
            if (strict) {
                throw KojiFault.generic("No such rpm: " + PythonRepr.of(data));
            }
            return null;
        }
        if (rpms.size() == 1) {
            return rpms.get(0);
        }
        Map<String, Object> nondraft = null;
        Map<String, Object> draft = null;
        Map<String, Object> external = null;
        for (Map<String, Object> r : rpms) {
            if ((Integer) r.get("external_repo_id") != 0) {
                external = newer(external, r);
            } else if (Boolean.TRUE.equals(r.get("draft"))) {
                draft = newer(draft, r);
            } else if (nondraft != null) {
                throw KojiFault.generic("Multiple nondraft rpm matches for: " + PythonRepr.of(data));
            } else {
                nondraft = r;
            }
        }
        return nondraft != null ? nondraft : draft != null ? draft : external;
    }

    /** The lookup key for a string: an id when it is one, else Koji's parse_NVRA dict. */
    private static Map<String, Object> parseKey(String s) {
        Map<String, Object> data = new LinkedHashMap<>();
        try {
            data.put("id", Integer.parseInt(s.trim()));
            return data;
        } catch (NumberFormatException notAnId) {
            Nvra nvra = Nvra.parse(s);
            // parse_NVR fills release first; the order shows in the "No such rpm" message.
            data.put("release", nvra.nvr().release());
            data.put("version", nvra.nvr().version());
            data.put("name", nvra.nvr().name());
            data.put("epoch", nvra.nvr().epoch());
            data.put("arch", nvra.arch());
            data.put("src", "src".equals(nvra.arch()));
            if (nvra.location() != null) {
                data.put("location", nvra.location());
            }
            return data;
        }
    }

    private static Map<String, Object> newer(Map<String, Object> best, Map<String, Object> r) {
        return best == null || (Integer) r.get("id") > (Integer) best.get("id") ? r : best;
    }

    private static List<Map<String, Object>> find(DSLContext db, Map<String, Object> data) {
        List<Condition> where = new ArrayList<>();
        if (data.containsKey("id")) {
            if (!(data.get("id") instanceof Integer id)) {
                throw KojiFault.parameter("Invalid rpm id: " + PythonRepr.of(data.get("id")));
            }
            where.add(RPMINFO.ID.eq(id));
        } else {
            for (String k : List.of("name", "version", "release", "arch")) {
                if (!(data.get(k) instanceof String)) {
                    throw KojiFault.generic("rpminfo needs " + k + " as a string: " + PythonRepr.of(data));
                }
            }
            where.add(RPMINFO.NAME.eq((String) data.get("name")));
            where.add(RPMINFO.VERSION.eq((String) data.get("version")));
            where.add(RPMINFO.RELEASE.eq((String) data.get("release")));
            where.add(RPMINFO.ARCH.eq((String) data.get("arch")));
        }
        if (data.containsKey("location")) {
            where.add(RPMINFO.EXTERNAL_REPO_ID.eq(
                    NameOrId.lookupId(db, EXTERNAL_REPO.ID, EXTERNAL_REPO.NAME, data.get("location"), true)));
        }
        return db.select(FIELDS).from(FROM).where(where).orderBy(RPMINFO.ID).fetch(RpmStore::getStruct);
    }

    /** Koji's listRPMs filters that Koji Next can answer; see {@link #list}. */
    public record Filter(Integer buildID, Integer buildrootID, Integer imageID, Integer componentBuildrootID,
                         Integer hostID, Object arches, Boolean draft) {
    }

    /**
     * Koji's list_rpms. With componentBuildrootID, the rpms installed in that buildroot, each
     * with component_buildroot_id and is_update; with hostID, those built in buildroots of that
     * host. imageID needs archive_rpm_components, which Koji Next does not have yet: it fails
     * rather than answer wrongly.
     */
    public static Object list(DSLContext db, Filter f, QueryOpts opts) {
        notYet(f.imageID(), "imageID", "archive_rpm_components");
        List<Condition> where = new ArrayList<>();
        List<SelectFieldOrAsterisk> fields = FIELDS;
        Table<?> from = FROM;
        if (f.buildID() != null) {
            where.add(RPMINFO.BUILD_ID.eq(f.buildID()));
        }
        if (f.buildrootID() != null) {
            where.add(RPMINFO.BUILDROOT_ID.eq(f.buildrootID()));
        }
        boolean component = f.componentBuildrootID() != null;
        if (component) {
            fields = new ArrayList<>(FIELDS);
            fields.add(BUILDROOT_LISTING.BUILDROOT_ID);
            fields.add(BUILDROOT_LISTING.IS_UPDATE);
            from = from.join(BUILDROOT_LISTING).on(BUILDROOT_LISTING.RPM_ID.eq(RPMINFO.ID));
            where.add(BUILDROOT_LISTING.BUILDROOT_ID.eq(f.componentBuildrootID()));
        }
        if (f.hostID() != null) {
            from = from.join(STANDARD_BUILDROOT).on(STANDARD_BUILDROOT.BUILDROOT_ID.eq(RPMINFO.BUILDROOT_ID));
            where.add(STANDARD_BUILDROOT.HOST_ID.eq(f.hostID()));
        }
        if (f.arches() instanceof List<?> arches) {
            List<String> names = new ArrayList<>();
            for (Object a : arches) {
                names.add(PythonRepr.str(a));
            }
            where.add(RPMINFO.ARCH.in(names));
        } else if (f.arches() instanceof String arch) {
            where.add(RPMINFO.ARCH.eq(arch));
        } else if (f.arches() != null) {
            throw KojiFault.generic("Invalid type for \"arches\" parameter: " + PyValues.classOf(f.arches()));
        }
        if (f.draft() != null) {
            where.add(f.draft() ? RPMINFO.DRAFT.isTrue() : RPMINFO.DRAFT.isDistinctFrom(true));
        }
        var select = db.select(fields).from(from).where(where);
        if (opts.countOnly()) {
            return db.fetchCount(select);
        }
        return opts.fetch(select, RPMINFO.ID.asc()).map(r -> {
            Map<String, Object> m = listStruct(r);
            if (component) {
                m.put("component_buildroot_id", r.get(BUILDROOT_LISTING.BUILDROOT_ID));
                m.put("is_update", r.get(BUILDROOT_LISTING.IS_UPDATE));
            }
            return m;
        });
    }

    private static void notYet(Integer value, String param, String table) {
        if (value != null) {
            throw KojiFault.generic("listRPMs: " + param + " is not supported yet (Koji Next has no "
                    + table + " table)");
        }
    }

    /** get_rpm's struct, keys in Koji's order. */
    static Map<String, Object> getStruct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(RPMINFO.ID));
        m.put("build_id", r.get(RPMINFO.BUILD_ID));
        m.put("buildroot_id", r.get(RPMINFO.BUILDROOT_ID));
        m.put("name", r.get(RPMINFO.NAME));
        m.put("version", r.get(RPMINFO.VERSION));
        m.put("release", r.get(RPMINFO.RELEASE));
        m.put("epoch", r.get(RPMINFO.EPOCH));
        m.put("arch", r.get(RPMINFO.ARCH));
        m.put("draft", r.get(RPMINFO.DRAFT));
        m.put("external_repo_id", r.get(RPMINFO.EXTERNAL_REPO_ID));
        m.put("external_repo_name", r.get(EXTERNAL_REPO.NAME));
        m.put("payloadhash", r.get(RPMINFO.PAYLOADHASH));
        m.put("size", r.get(RPMINFO.SIZE));
        m.put("buildtime", r.get(RPMINFO.BUILDTIME));
        m.put("metadata_only", r.get(RPMINFO.METADATA_ONLY));
        m.put("extra", ExtraJson.decode(r.get(RPMINFO.EXTRA), "Invalid json data for rpm extra"));
        return m;
    }

    /** list_rpms' row, keys in Koji's order. */
    static Map<String, Object> listStruct(Record r) {
        Map<String, Object> g = getStruct(r);
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("id", "name", "version", "release")) {
            m.put(k, g.get(k));
        }
        m.put("nvr", r.get(NVR));
        for (String k : List.of("arch", "epoch", "draft", "payloadhash", "size", "buildtime", "build_id",
                "buildroot_id", "external_repo_id", "external_repo_name", "metadata_only", "extra")) {
            m.put(k, g.get(k));
        }
        return m;
    }

    public static Map<String, Field<?>> sortableFields() {
        return SORTABLE;
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> m = new LinkedHashMap<>();
        for (Field<?> f : RPMINFO.fields()) {
            m.put(f.getName(), f);
        }
        m.put("nvr", NVR);
        m.put("external_repo_name", EXTERNAL_REPO.NAME);
        return Map.copyOf(m);
    }
}
