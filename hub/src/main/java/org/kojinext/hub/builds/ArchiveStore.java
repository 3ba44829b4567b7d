package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.ARCHIVEINFO;
import static org.kojinext.hub.db.jooq.Tables.ARCHIVETYPES;
import static org.kojinext.hub.db.jooq.Tables.BTYPE;
import static org.kojinext.hub.db.jooq.Tables.BUILDROOT_ARCHIVES;
import static org.kojinext.hub.db.jooq.Tables.STANDARD_BUILDROOT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.kojinext.hub.db.jooq.tables.records.ArchivetypesRecord;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/** Archives, archive types and btypes: Koji's list_archives, get_archive, get_archive_type, list_btypes. */
public final class ArchiveStore {
    /** Koji joins both without LEFT: an archive without a btype is not listed. */
    private static final Table<?> FROM = ARCHIVEINFO
            .join(ARCHIVETYPES).on(ARCHIVETYPES.ID.eq(ARCHIVEINFO.TYPE_ID))
            .join(BTYPE).on(BTYPE.ID.eq(ARCHIVEINFO.BTYPE_ID));
    private static final List<SelectFieldOrAsterisk> FIELDS = fields();
    private static final Map<String, Field<?>> SORTABLE = sortable();

    private ArchiveStore() {
    }

    private static List<SelectFieldOrAsterisk> fields() {
        List<SelectFieldOrAsterisk> f = new ArrayList<>(List.of(ARCHIVEINFO.fields()));
        f.addAll(List.of(BTYPE.NAME, ARCHIVETYPES.NAME, ARCHIVETYPES.DESCRIPTION, ARCHIVETYPES.EXTENSIONS,
                ARCHIVETYPES.COMPRESSION_TYPE));
        return List.copyOf(f);
    }

    /** listArchives' parameters. */
    public record Filter(Integer buildID, Integer buildrootID, Integer componentBuildrootID, Integer hostID,
                         String type, String filename, Long size, String checksum, Integer checksumType,
                         Map<String, Object> typeInfo, Integer imageID, Integer archiveID, boolean strict) {
    }

    /**
     * Koji's list_archives. imageID needs archive_components and the types maven, win and image
     * their typed archive tables; Koji Next has none of these yet, so those filters fail.
     */
    public static Object list(DSLContext db, Filter f, QueryOpts opts) {
        notYet(f.imageID(), "imageID", "archive_components");
        List<Condition> where = new ArrayList<>();
        if (f.componentBuildrootID() != null) {
            // Archives installed in the buildroot (Koji adds their project flag; Koji Next answers the archive).
            where.add(ARCHIVEINFO.ID.in(DSL.select(BUILDROOT_ARCHIVES.ARCHIVE_ID).from(BUILDROOT_ARCHIVES)
                    .where(BUILDROOT_ARCHIVES.BUILDROOT_ID.eq(f.componentBuildrootID()))));
        }
        if (f.hostID() != null) {
            where.add(ARCHIVEINFO.BUILDROOT_ID.in(DSL.select(STANDARD_BUILDROOT.BUILDROOT_ID).from(STANDARD_BUILDROOT)
                    .where(STANDARD_BUILDROOT.HOST_ID.eq(f.hostID()))));
        }
        if (f.buildID() != null) {
            where.add(ARCHIVEINFO.BUILD_ID.eq(f.buildID()));
        }
        if (f.buildrootID() != null) {
            where.add(ARCHIVEINFO.BUILDROOT_ID.eq(f.buildrootID()));
        }
        if (f.filename() != null) {
            where.add(ARCHIVEINFO.FILENAME.eq(f.filename()));
        }
        if (f.size() != null) {
            where.add(ARCHIVEINFO.SIZE.eq(f.size()));
        }
        if (f.checksum() != null) {
            where.add(ARCHIVEINFO.CHECKSUM.eq(f.checksum()));
        }
        if (f.checksumType() != null) {
            where.add(ARCHIVEINFO.CHECKSUM_TYPE.eq(f.checksumType()));
        }
        if (f.archiveID() != null) {
            where.add(ARCHIVEINFO.ID.eq(f.archiveID()));
        }
        if (f.type() != null) {
            if (List.of("maven", "win", "image").contains(f.type())) {
                // Koji joins the type's own table; Koji Next cannot record such archives yet, so
                // there are none (Koji's buildinfo asks for maven archives of every build).
                if (KojiArgs.truthy(f.typeInfo())) {
                    throw KojiFault.generic("listArchives: typeInfo for " + f.type()
                            + " is not supported yet (Koji Next has no " + f.type() + "_archives table)");
                }
                if (f.strict()) {
                    throw KojiFault.generic("No archives found.");
                }
                return opts.countOnly() ? 0 : List.of();
            }
            Integer btype = db.select(BTYPE.ID).from(BTYPE).where(BTYPE.NAME.eq(f.type())).fetchOne(BTYPE.ID);
            if (btype == null) {
                throw KojiFault.generic("unsupported archive type: " + f.type());
            }
            if (KojiArgs.truthy(f.typeInfo())) {
                throw KojiFault.generic("typeInfo queries not supported for type " + f.type());
            }
            where.add(ARCHIVEINFO.BTYPE_ID.eq(btype));
        }
        var select = db.select(FIELDS).from(FROM).where(where);
        if (opts.countOnly()) {
            return db.fetchCount(select);
        }
        List<Map<String, Object>> rows = opts.fetch(select, ARCHIVEINFO.ID.asc()).map(ArchiveStore::struct);
        if (f.strict() && rows.isEmpty()) {
            throw KojiFault.generic("No archives found.");
        }
        return rows;
    }

    private static void notYet(Integer value, String param, String table) {
        if (value != null) {
            throw KojiFault.generic("listArchives: " + param + " is not supported yet (Koji Next has no "
                    + table + " table)");
        }
    }

    /** Koji's get_archive; the typed (maven, win, image) parts do not exist yet. */
    public static Map<String, Object> get(DSLContext db, int id, boolean strict) {
        Record r = db.select(FIELDS).from(FROM).where(ARCHIVEINFO.ID.eq(id)).fetchOne();
        if (r == null) {
            if (strict) {
                throw KojiFault.generic("No such archive: " + id);
            }
            return null;
        }
        return struct(r);
    }

    static Map<String, Object> struct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(ARCHIVEINFO.ID));
        m.put("type_id", r.get(ARCHIVEINFO.TYPE_ID));
        m.put("btype_id", r.get(ARCHIVEINFO.BTYPE_ID));
        m.put("btype", r.get(BTYPE.NAME));
        m.put("build_id", r.get(ARCHIVEINFO.BUILD_ID));
        m.put("buildroot_id", r.get(ARCHIVEINFO.BUILDROOT_ID));
        m.put("filename", r.get(ARCHIVEINFO.FILENAME));
        m.put("size", r.get(ARCHIVEINFO.SIZE));
        m.put("checksum", r.get(ARCHIVEINFO.CHECKSUM));
        m.put("checksum_type", r.get(ARCHIVEINFO.CHECKSUM_TYPE));
        m.put("metadata_only", r.get(ARCHIVEINFO.METADATA_ONLY));
        m.put("extra", ExtraJson.decode(r.get(ARCHIVEINFO.EXTRA), "Invalid json data for rpm extra"));
        m.put("type_name", r.get(ARCHIVETYPES.NAME));
        m.put("type_description", r.get(ARCHIVETYPES.DESCRIPTION));
        m.put("type_extensions", r.get(ARCHIVETYPES.EXTENSIONS));
        m.put("compression_type", r.get(ARCHIVETYPES.COMPRESSION_TYPE));
        return m;
    }

    /** Every archive type, by id. */
    public static List<Map<String, Object>> types(DSLContext db) {
        return db.selectFrom(ARCHIVETYPES).orderBy(ARCHIVETYPES.ID).fetch(ArchiveStore::typeStruct);
    }

    /**
     * Koji's get_archive_type: by id, else by name, else by the filename's extension, trying the
     * longest extension first (".tar.gz" before ".gz"), case-insensitively.
     */
    public static Map<String, Object> type(DSLContext db, Object filename, Object typeName, Object typeId,
                                           boolean strict) {
        if (KojiArgs.truthy(typeId)) {
            if (!(typeId instanceof Integer id)) {
                throw KojiFault.parameter("Invalid type_id: " + PythonRepr.of(typeId));
            }
            return one(db.selectFrom(ARCHIVETYPES).where(ARCHIVETYPES.ID.eq(id)).fetchOne(), strict, typeId);
        }
        if (KojiArgs.truthy(typeName)) {
            return one(db.selectFrom(ARCHIVETYPES).where(ARCHIVETYPES.NAME.eq(PythonRepr.str(typeName))).fetchOne(),
                    strict, typeName);
        }
        if (!KojiArgs.truthy(filename)) {
            throw KojiFault.generic("one of filename, type_name, or type_id must be specified");
        }
        if (!(filename instanceof String name)) {
            throw PyValues.notA("str", filename);
        }
        List<ArchivetypesRecord> all = db.selectFrom(ARCHIVETYPES).orderBy(ARCHIVETYPES.ID).fetch();
        String[] parts = name.toLowerCase(Locale.ROOT).split("\\.", -1);
        for (int start = 0; start < parts.length; start++) {
            String ext = String.join(".", java.util.Arrays.copyOfRange(parts, start, parts.length));
            List<ArchivetypesRecord> hits = all.stream().filter(t -> hasExtension(t, ext)).toList();
            if (hits.size() == 1) {
                return typeStruct(hits.get(0));
            }
            if (hits.size() > 1) {
                throw KojiFault.generic("multiple matches for file extension: " + ext);
            }
        }
        if (strict) {
            throw KojiFault.generic("unsupported file extension: " + name);
        }
        return null;
    }

    private static boolean hasExtension(ArchivetypesRecord t, String ext) {
        for (String e : t.getExtensions().trim().split("\\s+")) {
            if (e.toLowerCase(Locale.ROOT).equals(ext)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> one(ArchivetypesRecord r, boolean strict, Object key) {
        if (r == null) {
            if (strict) {
                throw KojiFault.generic("No such archive type: " + PythonRepr.str(key));
            }
            return null;
        }
        return typeStruct(r);
    }

    static Map<String, Object> typeStruct(ArchivetypesRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getId());
        m.put("name", r.getName());
        m.put("description", r.getDescription());
        m.put("extensions", r.getExtensions());
        m.put("compression_type", r.getCompressionType());
        return m;
    }

    /** Koji's list_btypes: all, or those matching the query's name and/or id. */
    public static Object btypes(DSLContext db, Map<String, Object> query, QueryOpts opts) {
        List<Condition> where = new ArrayList<>();
        if (query != null && query.containsKey("name")) {
            where.add(BTYPE.NAME.eq(PythonRepr.str(query.get("name"))));
        }
        if (query != null && query.containsKey("id")) {
            if (!(query.get("id") instanceof Integer id)) {
                return List.of();
            }
            where.add(BTYPE.ID.eq(id));
        }
        var select = db.select(BTYPE.ID, BTYPE.NAME).from(BTYPE).where(where);
        if (opts.countOnly()) {
            return db.fetchCount(select);
        }
        return opts.fetch(select, BTYPE.ID.asc()).map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.value1());
            m.put("name", r.value2());
            return m;
        });
    }

    public static Map<String, Field<?>> sortableFields() {
        return SORTABLE;
    }

    public static Map<String, Field<?>> btypeSortable() {
        return Map.of("id", BTYPE.ID, "name", BTYPE.NAME);
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> m = new LinkedHashMap<>();
        for (Field<?> f : ARCHIVEINFO.fields()) {
            m.put(f.getName(), f);
        }
        m.put("btype", BTYPE.NAME);
        m.put("type_name", ARCHIVETYPES.NAME);
        return Map.copyOf(m);
    }
}
