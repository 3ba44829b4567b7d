package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.ARCHIVEINFO;
import static org.kojinext.hub.db.jooq.Tables.BTYPE;

import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Recording archives of a build before Koji Next can import their files. */
public final class ArchiveWriter {
    private ArchiveWriter() {
    }

    /**
     * Koji Next's importArchiveInfo: records an archive from its filename, size, SHA-256 (stored as
     * checksum_type 2) and btype name, with the archive type Koji's get_archive_type gives the
     * filename, and marks the build as having content of that btype. Returns the get_archive struct.
     */
    public static Map<String, Object> importInfo(DSLContext db, Object buildInfo, Map<String, Object> info) {
        Map<String, Object> build = BuildWriter.importTarget(db, buildInfo);
        int buildId = (Integer) build.get("id");
        if (!(info.get("filename") instanceof String filename) || filename.isEmpty() || filename.contains("/")) {
            throw KojiFault.generic("archive filename must be a plain file name, got " + PythonRepr.of(info.get("filename")));
        }
        Object size = info.get("size");
        if (!(size instanceof Integer || size instanceof Long) || ((Number) size).longValue() < 0) {
            throw KojiFault.generic("archive size must be a non-negative integer, got " + PythonRepr.of(size));
        }
        String sha256 = Checksums.sha256(info.get("sha256"), "sha256");
        if (!(info.get("btype") instanceof String btypeName)) {
            throw KojiFault.generic("archive btype must be a btype name, got " + PythonRepr.of(info.get("btype")));
        }
        Integer btype = db.select(BTYPE.ID).from(BTYPE).where(BTYPE.NAME.eq(btypeName)).fetchOne(BTYPE.ID);
        if (btype == null) {
            throw KojiFault.generic("Unsupported btype: " + btypeName);
        }
        int typeId = (Integer) ArchiveStore.type(db, filename, null, null, true).get("id");
        Object extra = info.get("extra");
        int id = db.insertInto(ARCHIVEINFO)
                .set(ARCHIVEINFO.TYPE_ID, typeId)
                .set(ARCHIVEINFO.BTYPE_ID, btype)
                .set(ARCHIVEINFO.BUILD_ID, buildId)
                .set(ARCHIVEINFO.FILENAME, filename)
                .set(ARCHIVEINFO.SIZE, ((Number) size).longValue())
                .set(ARCHIVEINFO.CHECKSUM, sha256)
                .set(ARCHIVEINFO.CHECKSUM_TYPE, Checksums.SHA256)
                .set(ARCHIVEINFO.EXTRA, extra == null ? null : ExtraJson.encode(extra))
                .returning(ARCHIVEINFO.ID).fetchSingle().getId();
        BuildWriter.ensureType(db, buildId, btype);
        return ArchiveStore.get(db, id, true);
    }
}
