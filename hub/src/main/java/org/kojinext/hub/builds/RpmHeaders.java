package org.kojinext.hub.builds;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.rpm.HeaderFields;
import org.kojinext.hub.rpm.RpmFormatException;
import org.kojinext.hub.rpm.RpmReader;
import org.kojinext.hub.storage.KojiPaths;
import org.kojinext.hub.storage.Volume;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's getRPMHeaders: fields of a stored rpm's header, the rpm given by id (its file in
 * packages/) or by a task and a path in the task's directory. A missing rpm or file is an empty
 * answer unless strict; an unknown field is always an error.
 */
public final class RpmHeaders {
    private RpmHeaders() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> get(DSLContext db, Volume volume, Object rpmId, Integer taskId, String filepath,
                                          List<?> headers, boolean strict) {
        String path;
        if (rpmId != null && !Boolean.FALSE.equals(rpmId)) {
            Map<String, Object> rpm = (Map<String, Object>) RpmStore.get(db, rpmId, strict, false);
            if (rpm == null) {
                return Map.of();
            }
            if (!Integer.valueOf(0).equals(rpm.get("external_repo_id"))) {
                return missing(strict, "External rpm: " + rpm.get("id"));
            }
            Map<String, Object> build = BuildStore.resolve(db, rpm.get("build_id"), true);
            if (BuildState.DELETED.code() == (Integer) build.get("state")) {
                return missing(strict, "Build " + build.get("nvr") + " is deleted");
            }
            path = KojiPaths.buildDir((String) build.get("name"), (String) build.get("version"),
                    (String) build.get("release")) + "/" + KojiPaths.part((String) rpm.get("arch")) + "/"
                    + KojiPaths.part(rpm.get("name") + "-" + rpm.get("version") + "-" + rpm.get("release") + "."
                    + rpm.get("arch") + ".rpm");
        } else if (taskId != null) {
            if (filepath == null || filepath.isEmpty()) {
                throw KojiFault.generic("filepath must be specified with taskID");
            }
            if (filepath.startsWith("/") || filepath.contains("../") || filepath.indexOf('\0') >= 0) {
                throw KojiFault.generic("Invalid filepath: " + filepath);
            }
            path = KojiPaths.taskWork(taskId) + "/" + filepath;
        } else {
            return missing(strict, "either rpmID or taskID and filepath must be specified");
        }
        try {
            if (!volume.exists(path)) {
                return missing(strict, "Missing rpm file: " + path);
            }
            try (InputStream in = volume.openRead(path, 0)) {
                return HeaderFields.of(RpmReader.readHeaders(in).main(), headers == null ? List.of() : headers);
            }
        } catch (IOException | RpmFormatException e) {
            throw KojiFault.generic("cannot read the rpm header of " + path + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> missing(boolean strict, String message) {
        if (strict) {
            throw KojiFault.generic(message);
        }
        return Map.of();
    }
}
