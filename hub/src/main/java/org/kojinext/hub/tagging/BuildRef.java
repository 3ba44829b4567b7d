package org.kojinext.hub.tagging;

import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.builds.BuildStore;

/** What tagging needs to know of a build. */
public record BuildRef(int id, int packageId, String name, String version, String release, int state) {
    public String nvr() {
        return name + "-" + version + "-" + release;
    }

    /** Koji's get_build: id, N-V-R string or dict; null, or with strict a fault, when unknown. */
    public static BuildRef get(DSLContext db, Object buildInfo, boolean strict) {
        Map<String, Object> b = BuildStore.resolve(db, buildInfo, strict);
        if (b == null) {
            return null;
        }
        return new BuildRef((Integer) b.get("id"), (Integer) b.get("package_id"), (String) b.get("name"),
                (String) b.get("version"), (String) b.get("release"), (Integer) b.get("state"));
    }
}
