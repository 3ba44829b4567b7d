package org.kojinext.hub.api;

import org.kojinext.hub.builds.PackageStore;
import org.kojinext.hub.db.jooq.tables.records.PackageRecord;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.protocol.KojiFault;

/** Packages (srpm names). Package lists per tag come with the tagging work. */
public final class PackageApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("getPackage").param("info").param("strict", false).param("create", false)
                .access(Access.anonymousRead())
                .doc("Look a package up by id, name, or a struct with id or name.\n"
                        + "\n"
                        + ":param bool strict: fail instead of returning None when there is no such package\n"
                        + ":param bool create: create a package of that name when missing (Koji Next: admin only; "
                        + "Koji lets any caller)\n"
                        + ":returns dict: id and name")
                .handler((ctx, a) -> {
                    PackageRecord r = PackageStore.resolve(ctx.db(), a.get("info"), a.bool("strict"));
                    if (r == null && a.bool("create")) {
                        if (!(a.get("info") instanceof String name)) {
                            throw KojiFault.generic("Name must be a string");
                        }
                        ctx.assertPerm("admin");
                        // The only write this read method makes, and only for an admin.
                        ctx.tx().readOnly(false);
                        PackageStore.ensure(ctx.db(), name);
                        r = PackageStore.resolve(ctx.db(), name, true);
                    }
                    return r == null ? null : PackageStore.struct(r);
                });
        m.method("getPackageID").param("name").param("strict", false)
                .access(Access.anonymousRead())
                .doc("The id of the package with this name; None, or with strict an error, when there is none.")
                .handler((ctx, a) -> {
                    Object name = a.get("name");
                    Integer id = name instanceof String s ? PackageStore.resolveId(ctx.db(), s, false) : null;
                    if (id == null && a.bool("strict")) {
                        throw KojiFault.generic("No such package name: " + org.kojinext.hub.rpc.PythonRepr.str(name));
                    }
                    return id;
                });
    }
}
