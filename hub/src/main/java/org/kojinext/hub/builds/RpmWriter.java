package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.BTYPE;
import static org.kojinext.hub.db.jooq.Tables.RPMINFO;
import static org.kojinext.hub.db.jooq.Tables.RPMSIGS;
import static org.kojinext.hub.db.jooq.Tables.RPM_CHECKSUM;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Recording rpms and answering for their stored checksums. */
public final class RpmWriter {
    private RpmWriter() {
    }

    /**
     * Koji Next's importRPMInfo: records an rpm of a build from its header fields, without the
     * file, and keeps the file's SHA-256 in rpm_checksum (sigkey '', the unsigned copy). Refuses
     * builds Koji's import_rpm refuses (FAILED, CANCELED, DELETED) and a source rpm whose N-V-R
     * is not the build's. Returns the get_rpm struct.
     */
    public static Map<String, Object> importInfo(DSLContext db, Object buildInfo, Map<String, Object> hdr) {
        return importInfo(db, buildInfo, hdr, null);
    }

    /** importInfo for a build's import, which knows the buildroot the rpm was built in (or null). */
    static Map<String, Object> importInfo(DSLContext db, Object buildInfo, Map<String, Object> hdr,
                                          Integer buildrootId) {
        Map<String, Object> build = BuildWriter.importTarget(db, buildInfo);
        int buildId = (Integer) build.get("id");
        String name = text(hdr, "name");
        String version = text(hdr, "version");
        String release = text(hdr, "release");
        String arch = text(hdr, "arch");
        Integer epoch = optInt(hdr.get("epoch"), "epoch");
        String payloadhash = Checksums.md5(hdr.get("payloadhash"), "payloadhash");
        long size = count(hdr.get("size"), "size");
        long buildtime = count(hdr.get("buildtime"), "buildtime");
        String sha256 = Checksums.sha256(hdr.get("sha256"), "sha256");
        boolean draft = Boolean.TRUE.equals(build.get("draft"));
        String nvra = name + "-" + version + "-" + release + "." + arch;
        if ("src".equals(arch)) {
            String expected = build.get("name") + "-" + build.get("version") + "-" + targetRelease(build) + ".src.rpm";
            if (!(nvra + ".rpm").equals(expected)) {
                throw KojiFault.generic("srpm mismatch for " + nvra + ".rpm: " + nvra + ".rpm (expected " + expected + ")");
            }
        }
        if (!draft) {
            Integer clash = db.select(RPMINFO.ID).from(RPMINFO)
                    .where(RPMINFO.NAME.eq(name), RPMINFO.VERSION.eq(version), RPMINFO.RELEASE.eq(release),
                            RPMINFO.ARCH.eq(arch), RPMINFO.EXTERNAL_REPO_ID.eq(0), RPMINFO.DRAFT.isDistinctFrom(true))
                    .fetchOne(RPMINFO.ID);
            if (clash != null) {
                throw KojiFault.generic("rpm already exists: " + nvra + " (id=" + clash + ")");
            }
        }
        Integer owner = db.select(RPM_CHECKSUM.RPM_ID).from(RPM_CHECKSUM).where(RPM_CHECKSUM.CHECKSUM.eq(sha256))
                .limit(1).fetchOne(RPM_CHECKSUM.RPM_ID);
        if (owner != null) {
            throw KojiFault.generic("checksum " + sha256 + " is already recorded for rpm " + owner);
        }
        Object extra = hdr.get("extra");
        int rpmId = db.insertInto(RPMINFO)
                .set(RPMINFO.BUILD_ID, buildId)
                .set(RPMINFO.BUILDROOT_ID, buildrootId)
                .set(RPMINFO.NAME, name)
                .set(RPMINFO.VERSION, version)
                .set(RPMINFO.RELEASE, release)
                .set(RPMINFO.EPOCH, epoch)
                .set(RPMINFO.ARCH, arch)
                .set(RPMINFO.DRAFT, draft)
                .set(RPMINFO.EXTERNAL_REPO_ID, 0)
                .set(RPMINFO.PAYLOADHASH, payloadhash)
                .set(RPMINFO.SIZE, size)
                .set(RPMINFO.BUILDTIME, buildtime)
                .set(RPMINFO.EXTRA, extra == null ? null : ExtraJson.encode(extra))
                .returning(RPMINFO.ID).fetchSingle().getId();
        db.insertInto(RPM_CHECKSUM)
                .set(RPM_CHECKSUM.RPM_ID, rpmId)
                .set(RPM_CHECKSUM.SIGKEY, "")
                .set(RPM_CHECKSUM.CHECKSUM, sha256)
                .set(RPM_CHECKSUM.CHECKSUM_TYPE, (short) Checksums.SHA256)
                .execute();
        int rpmType = db.select(BTYPE.ID).from(BTYPE).where(BTYPE.NAME.eq("rpm")).fetchSingle(BTYPE.ID);
        BuildWriter.ensureType(db, buildId, rpmType);
        @SuppressWarnings("unchecked")
        Map<String, Object> rpm = (Map<String, Object>) RpmStore.get(db, rpmId, true, false);
        return rpm;
    }

    /**
     * Koji's getRPMChecksums, from what is stored only: Koji computes a missing checksum from the
     * file on disk, Koji Next has no files yet, so a missing one is None (as with cacheonly).
     * Sigkeys are those with a signature or a stored checksum (Koji: signatures only; Koji Next
     * records the unsigned copy's checksum without a signature row).
     */
    public static Map<String, Object> checksums(DSLContext db, Object rpmId, Object types) {
        if (!(rpmId instanceof Integer id)) {
            throw KojiFault.generic("rpm_id must be an integer");
        }
        RpmStore.get(db, id, true, false);
        List<String> wanted = new ArrayList<>();
        if (types == null || (types instanceof List<?> l && l.isEmpty())) {
            wanted.addAll(List.of("md5", "sha256"));
        } else if (types instanceof List<?> l) {
            for (Object t : l) {
                wanted.add(PythonRepr.str(t));
            }
        } else {
            throw KojiFault.generic("checksum_type must be a list");
        }
        List<Short> codes = new ArrayList<>();
        for (String t : wanted) {
            int code = Checksums.TYPES.indexOf(t);
            if (code < 0) {
                throw KojiFault.generic("Checksum_type " + t + " isn't supported");
            }
            codes.add((short) code);
        }
        Set<String> sigkeys = new LinkedHashSet<>(db.select(RPMSIGS.SIGKEY).from(RPMSIGS)
                .where(RPMSIGS.RPM_ID.eq(id)).orderBy(RPMSIGS.SIGKEY).fetch(RPMSIGS.SIGKEY));
        sigkeys.addAll(db.selectDistinct(RPM_CHECKSUM.SIGKEY).from(RPM_CHECKSUM)
                .where(RPM_CHECKSUM.RPM_ID.eq(id)).orderBy(RPM_CHECKSUM.SIGKEY).fetch(RPM_CHECKSUM.SIGKEY));
        Map<String, Object> result = new LinkedHashMap<>();
        for (String sigkey : sigkeys) {
            Map<String, Object> sums = new LinkedHashMap<>();
            wanted.forEach(t -> sums.put(t, null));
            result.put(sigkey, sums);
        }
        db.selectFrom(RPM_CHECKSUM).where(RPM_CHECKSUM.RPM_ID.eq(id), RPM_CHECKSUM.CHECKSUM_TYPE.in(codes))
                .forEach(r -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> sums = (Map<String, Object>) result.get(r.getSigkey());
                    sums.put(Checksums.TYPES.get(r.getChecksumType()), r.getChecksum());
                });
        return result;
    }

    /** A draft's release less its ",draft_<id>" suffix. */
    static String targetRelease(Map<String, Object> build) {
        String release = (String) build.get("release");
        if (Boolean.TRUE.equals(build.get("draft"))) {
            int comma = release.indexOf(',');
            return comma < 0 ? release : release.substring(0, comma);
        }
        return release;
    }

    private static String text(Map<String, Object> hdr, String key) {
        if (!(hdr.get(key) instanceof String s) || s.isEmpty()) {
            throw KojiFault.generic("rpm " + key + " must be a non-empty string, got " + PythonRepr.of(hdr.get(key)));
        }
        return s;
    }

    private static Integer optInt(Object v, String key) {
        if (v == null || v instanceof Integer) {
            return (Integer) v;
        }
        throw KojiFault.generic("rpm " + key + " must be an integer or None, got " + PythonRepr.of(v));
    }

    private static long count(Object v, String key) {
        if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= 0) {
            return ((Number) v).longValue();
        }
        throw KojiFault.generic("rpm " + key + " must be a non-negative integer, got " + PythonRepr.of(v));
    }
}
