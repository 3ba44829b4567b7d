package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.RPMSIGS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.kojinext.hub.builds.BuildStore;
import org.kojinext.hub.builds.RpmHeaders;
import org.kojinext.hub.builds.RpmStore;
import org.kojinext.hub.builds.RpmWriter;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.storage.Volumes;
import org.kojinext.protocol.KojiFault;

/** RPMs of builds (and, once external repos exist, of external repositories). */
public final class RpmApi implements ApiModule {
    private final Volumes volumes;

    public RpmApi(Volumes volumes) {
        this.volumes = volumes;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("getRPMHeaders").param("rpmID", null).param("taskID", null).param("filepath", null)
                .param("headers", null).param("strict", false)
                .access(Access.anonymousRead())
                .doc("Fields of an rpm's header by rpm tag name (case-insensitive): the rpm by id, or a file in a "
                        + "task's directory (taskID and filepath). A missing rpm or file gives {} unless strict; an "
                        + "unknown field name is an error. Koji Next answers only the fields named in headers.")
                .handler((ctx, a) -> {
                    if (a.get("headers") != null && !(a.get("headers") instanceof java.util.List)) {
                        throw KojiFault.parameter("headers must be a list of header names");
                    }
                    Object filepath = a.get("filepath");
                    return RpmHeaders.get(ctx.db(), volumes.defaultVolume(), a.get("rpmID"), a.integer("taskID"),
                            filepath == null ? null : String.valueOf(filepath), (java.util.List<?>) a.get("headers"),
                            a.bool("strict"));
                });
        m.method("listRPMs").param("buildID", null).param("buildrootID", null).param("imageID", null)
                .param("componentBuildrootID", null).param("hostID", null).param("arches", null)
                .param("queryOpts", null).param("draft", null)
                .access(Access.anonymousRead())
                .doc("RPMs of a build or built in a buildroot, installed in a buildroot (componentBuildrootID), "
                        + "built on a host, of one arch or a list of arches, draft or not. imageID needs a table "
                        + "Koji Next does not have yet and fails.\n"
                        + "\n"
                        + ":returns list: dicts with id, name, version, release, nvr, arch, epoch, draft, payloadhash, "
                        + "size, buildtime, build_id, buildroot_id, external_repo_id, external_repo_name, "
                        + "metadata_only, extra; with componentBuildrootID also component_buildroot_id and is_update")
                .handler((ctx, a) -> RpmStore.list(ctx.db(), new RpmStore.Filter(a.integer("buildID"),
                        a.integer("buildrootID"), a.integer("imageID"), a.integer("componentBuildrootID"),
                        a.integer("hostID"), a.get("arches"), a.optBool("draft")),
                        QueryOpts.parse(a.map("queryOpts"), RpmStore.sortableFields())));
        m.method("getRPM").param("rpminfo").param("strict", false).param("multi", false)
                .access(Access.anonymousRead())
                .doc("An rpm by id, \"N-V-R.A\" (optionally \"@external-repo\"), or a struct with name, version, "
                        + "release and arch (and optionally location). When several match, the internal non-draft "
                        + "one wins, then the newest draft, then the newest external one; multi returns them all.")
                .handler((ctx, a) -> RpmStore.get(ctx.db(), a.get("rpminfo"), a.bool("strict"), a.bool("multi")));
        m.method("listBuildRPMs").param("build")
                .access(Access.anonymousRead())
                .doc("The RPMs of a build given by id, N-V-R or struct; an unknown N-V-R is an error.")
                .handler((ctx, a) -> {
                    Object build = a.get("build");
                    Integer id = build instanceof Integer i ? i : BuildStore.findId(ctx.db(), build, true);
                    return RpmStore.list(ctx.db(), new RpmStore.Filter(id, null, null, null, null, null, null),
                            QueryOpts.parse(null, RpmStore.sortableFields()));
                });
        m.method("queryRPMSigs").param("rpm_id", null).param("sigkey", null).param("queryOpts", null)
                .access(Access.anonymousRead())
                .doc("Signature records (rpm_id, sigkey, sighash) of an rpm (id, N-V-R.A or dict) and/or a key. "
                        + "host.completeBuild records the signature header each imported rpm came with (sigkey '' when "
                        + "unsigned).")
                .handler((ctx, a) -> {
                    Object rpm = a.get("rpm_id");
                    Integer rpmId = null;
                    if (rpm instanceof Integer i) {
                        rpmId = i;
                    } else if (rpm != null) {
                        Object info = RpmStore.get(ctx.db(), rpm, false, false);
                        if (!(info instanceof Map<?, ?> found)) {
                            return List.of();
                        }
                        rpmId = (Integer) found.get("id");
                    }
                    List<Condition> where = new ArrayList<>();
                    if (rpmId != null) {
                        where.add(RPMSIGS.RPM_ID.eq(rpmId));
                    }
                    if (a.str("sigkey") != null) {
                        where.add(RPMSIGS.SIGKEY.eq(a.str("sigkey").toLowerCase(Locale.ROOT)));
                    }
                    QueryOpts opts = QueryOpts.parse(a.map("queryOpts"), Map.of("rpm_id", RPMSIGS.RPM_ID,
                            "sigkey", RPMSIGS.SIGKEY, "sighash", RPMSIGS.SIGHASH));
                    var select = ctx.db().select(RPMSIGS.RPM_ID.as("rpm_id"), RPMSIGS.SIGKEY.as("sigkey"),
                            RPMSIGS.SIGHASH.as("sighash")).from(RPMSIGS).where(where);
                    if (opts.countOnly()) {
                        return ctx.db().fetchCount(select);
                    }
                    return opts.fetch(select, RPMSIGS.RPM_ID.asc(), RPMSIGS.SIGKEY.asc()).intoMaps();
                });
        m.method("getRPMChecksums").param("rpm_id").param("checksum_types", null).param("cacheonly", false)
                .access(Access.anonymousRead())
                .doc("An rpm's checksums per sigkey: {sigkey: {type: checksum}} for the types asked "
                        + "(md5 and sha256 by default). Koji Next answers from stored checksums only (as with "
                        + "cacheonly): a checksum not stored is None, since it has no files to compute it from.")
                .handler((ctx, a) -> RpmWriter.checksums(ctx.db(), a.get("rpm_id"), a.get("checksum_types")));
        m.method("importRPM").param("path").param("basename")
                .access(Access.admin())
                .doc("Import an rpm uploaded to work/<path>/<basename> into the build its srpm names; an srpm "
                        + "creates its build (COMPLETE) when there is none. The file moves into the build's directory "
                        + "and its signature header is recorded. Returns the rpm as getRPM does.")
                .handler((ctx, a) -> org.kojinext.hub.builds.RpmFileImport.importRpm(ctx.db(),
                        volumes.defaultVolume(), a.get("path"), a.get("basename"), ctx.event(), ctx.userId()));
        m.method("importRPMInfo").param("build").param("rpminfo")
                .access(Access.admin())
                .doc("Koji Next's own (Koji has no such call): record an rpm of a build from its header fields, "
                        + "without the file, so that content exists before the builder does.\n"
                        + "\n"
                        + ":param build: build id, N-V-R or struct\n"
                        + ":param dict rpminfo: name, version, release, epoch (int or None), arch, payloadhash (the "
                        + "header's SIGMD5 in hex), size, buildtime, sha256 (of the file, 64 hex digits), optional "
                        + "extra. The SHA-256 is stored in rpm_checksum with sigkey '' and checksum_type 2.\n"
                        + ":returns dict: the rpm, as getRPM returns it")
                .handler((ctx, a) -> {
                    if (a.map("rpminfo") == null) {
                        throw KojiFault.generic("rpminfo must be a struct");
                    }
                    return RpmWriter.importInfo(ctx.db(), a.get("build"), a.map("rpminfo"));
                });
    }
}
