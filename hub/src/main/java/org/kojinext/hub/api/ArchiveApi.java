package org.kojinext.hub.api;

import org.kojinext.hub.builds.ArchiveStore;
import org.kojinext.hub.builds.ArchiveWriter;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.protocol.KojiFault;

/** Archives (build output other than rpms), archive types and build types. */
public final class ArchiveApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("listArchives").param("buildID", null).param("buildrootID", null)
                .param("componentBuildrootID", null).param("hostID", null).param("type", null)
                .param("filename", null).param("size", null).param("checksum", null).param("checksum_type", null)
                .param("typeInfo", null).param("queryOpts", null).param("imageID", null).param("archiveID", null)
                .param("strict", false)
                .access(Access.anonymousRead())
                .doc("Archives matching all the given filters; with strict, none is an error. type is a btype name; "
                        + "maven, win and image, and componentBuildrootID, hostID and imageID, need tables Koji Next "
                        + "does not have yet and fail.\n"
                        + "\n"
                        + ":returns list: dicts with id, type_id, btype_id, btype, build_id, buildroot_id, filename, "
                        + "size, checksum, checksum_type, metadata_only, extra, type_name, type_description, "
                        + "type_extensions, compression_type")
                .handler((ctx, a) -> ArchiveStore.list(ctx.db(), filter(a),
                        QueryOpts.parse(a.map("queryOpts"), ArchiveStore.sortableFields())));
        m.method("getArchive").param("archive_id").param("strict", false)
                .access(Access.anonymousRead())
                .doc("An archive by id, as listArchives shows it; None (or with strict an error) when missing.")
                .handler((ctx, a) -> {
                    Integer id = a.integer("archive_id");
                    if (id == null) {
                        throw KojiFault.parameter("archive_id must be an integer");
                    }
                    return ArchiveStore.get(ctx.db(), id, a.bool("strict"));
                });
        m.method("getArchiveTypes")
                .access(Access.anonymousRead())
                .doc("Every archive type: id, name, description, extensions (space-separated), compression_type.")
                .handler((ctx, a) -> ArchiveStore.types(ctx.db()));
        m.method("getArchiveType").param("filename", null).param("type_name", null).param("type_id", null)
                .param("strict", false)
                .access(Access.anonymousRead())
                .doc("An archive type by id, by name, or by a filename's extension (longest match first).")
                .handler((ctx, a) -> ArchiveStore.type(ctx.db(), a.get("filename"), a.get("type_name"),
                        a.get("type_id"), a.bool("strict")));
        m.method("listBTypes").param("query", null).param("queryOpts", null)
                .access(Access.anonymousRead())
                .doc("Build types (btypes), all or those matching query's name and/or id.")
                .handler((ctx, a) -> ArchiveStore.btypes(ctx.db(), a.map("query"),
                        QueryOpts.parse(a.map("queryOpts"), ArchiveStore.btypeSortable())));
        m.method("importArchiveInfo").param("build").param("archiveinfo")
                .access(Access.admin())
                .doc("Koji Next's own (Koji has no such call): record an archive of a build without its file.\n"
                        + "\n"
                        + ":param build: build id, N-V-R or struct\n"
                        + ":param dict archiveinfo: filename, size, sha256 (64 hex digits, stored as checksum_type 2), "
                        + "btype (a btype name), optional extra; the archive type comes from the filename's extension\n"
                        + ":returns dict: the archive, as getArchive returns it")
                .handler((ctx, a) -> {
                    if (a.map("archiveinfo") == null) {
                        throw KojiFault.generic("archiveinfo must be a struct");
                    }
                    return ArchiveWriter.importInfo(ctx.db(), a.get("build"), a.map("archiveinfo"));
                });
    }

    private static ArchiveStore.Filter filter(Args a) {
        Object size = a.get("size");
        if (size != null && !(size instanceof Integer || size instanceof Long)) {
            throw KojiFault.parameter("size must be an integer");
        }
        return new ArchiveStore.Filter(a.integer("buildID"), a.integer("buildrootID"),
                a.integer("componentBuildrootID"), a.integer("hostID"), a.str("type"), a.str("filename"),
                size == null ? null : ((Number) size).longValue(), a.str("checksum"), a.integer("checksum_type"),
                a.map("typeInfo"), a.integer("imageID"), a.integer("archiveID"), a.bool("strict"));
    }
}
