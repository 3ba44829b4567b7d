package org.kojinext.hub.tagging;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.RPMINFO;
import static org.kojinext.hub.db.jooq.Tables.RPMSIGS;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.db.Versioned;
import org.kojinext.protocol.KojiFault;

/**
 * The rpms of a tag's builds (Koji's readTaggedRPMS): the builds are chosen exactly as
 * {@link TaggedBuilds} chooses them, and an rpm is reported only from the tag its build was
 * chosen from, so a build tagged in several tags of the inheritance is not reported twice.
 */
public final class TaggedRpms {

    private TaggedRpms() {
    }

    /** @return Koji's pair: [rpms, builds] */
    public static List<Object> read(Tx tx, TaggedBuilds builds, TaggedBuilds.Query q, List<Integer> tagIds,
                                    Object arch, boolean rpmsigs) {
        List<Map<String, Object>> chosen = builds.read(tx, q);
        DSLContext db = tx.dsl();
        Map<Integer, Integer> tagOfBuild = new HashMap<>();
        for (Map<String, Object> b : chosen) {
            tagOfBuild.put((Integer) b.get("build_id"), (Integer) b.get("tag_id"));
        }
        List<SelectField<?>> fields = new ArrayList<>(List.of(RPMINFO.NAME.as("name"), RPMINFO.VERSION.as("version"),
                RPMINFO.RELEASE.as("release"), RPMINFO.ARCH.as("arch"), RPMINFO.ID.as("id"),
                RPMINFO.EPOCH.as("epoch"), RPMINFO.DRAFT.as("draft"), RPMINFO.PAYLOADHASH.as("payloadhash"),
                RPMINFO.SIZE.as("size"), RPMINFO.BUILDTIME.as("buildtime"), RPMINFO.BUILDROOT_ID.as("buildroot_id"),
                RPMINFO.BUILD_ID.as("build_id"), RPMINFO.METADATA_ONLY.as("metadata_only")));
        var from = RPMINFO.join(TAG_LISTING).on(TAG_LISTING.BUILD_ID.eq(RPMINFO.BUILD_ID))
                .join(BUILD).on(BUILD.ID.eq(RPMINFO.BUILD_ID)).join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID));
        List<Condition> where = new ArrayList<>(List.of(Versioned.at(TAG_LISTING, q.event())));
        if (q.pkgName() != null) {
            where.add(PACKAGE.NAME.eq(q.pkgName()));
        }
        if (rpmsigs) {
            fields.add(RPMSIGS.SIGKEY.as("sigkey"));
            from = from.leftJoin(RPMSIGS).on(RPMSIGS.RPM_ID.eq(RPMINFO.ID));
        }
        if (arch instanceof String a) {
            where.add(RPMINFO.ARCH.eq(a));
        } else if (arch instanceof List<?> l) {
            where.add(RPMINFO.ARCH.in(l.stream().map(String::valueOf).toList()));
        } else if (arch != null) {
            throw KojiFault.generic("Invalid type for arch option: " + arch.getClass().getSimpleName());
        }
        if (q.draft() != null) {
            where.add(q.draft() ? RPMINFO.DRAFT.isTrue() : RPMINFO.DRAFT.isDistinctFrom(true));
        }
        if (q.extra()) {
            fields.add(RPMINFO.EXTRA.as("extra"));
        }
        List<Map<String, Object>> rpms = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>(tagIds);
        for (int tagId : seen) {
            for (Record r : db.select(fields).from(from).where(where).and(TAG_LISTING.TAG_ID.eq(tagId)).fetch()) {
                Integer buildTag = tagOfBuild.get(r.get("build_id", Integer.class));
                if (buildTag == null || buildTag != tagId) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < r.size(); i++) {
                    m.put(r.field(i).getName(), r.get(i));
                }
                if (q.extra() && m.get("extra") != null) {
                    m.put("extra", ExtraJson.decode((String) m.get("extra"), "invalid rpm extra"));
                }
                rpms.add(m);
            }
        }
        return List.of(rpms, chosen);
    }
}
