package org.kojinext.hub.tagging;

import java.util.Map;
import org.kojinext.hub.packages.PackageList;
import org.kojinext.hub.packages.PackageListChanges;
import org.kojinext.hub.packages.TagView;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * The package-list check of Koji's tagBuild and host.tagBuild: the build's package must be listed
 * and unblocked in the tag, inheritance included. An admin forcing it adds the package instead.
 */
public final class PackageListCheck {
    private final TagView tags;
    private final PackageListChanges changes;

    public PackageListCheck(TagView tags, PackageListChanges changes) {
        this.tags = tags;
        this.changes = changes;
    }

    /** @param shown how the tag is named in the error, as the caller named it (Koji's wording) */
    public void require(CallContext ctx, TagView.Tag tag, BuildRef build, boolean force, String shown) {
        PackageList.Query q = new PackageList.Query(tag.id(), null, build.packageId(), null, false, true);
        Map<String, Object> entry = PackageList.read(ctx.db(), q, tags.parents(ctx.db(), tag.id(), null))
                .get(build.packageId());
        String error = null;
        if (entry == null) {
            error = "Package " + build.name() + " not in list for " + shown;
        } else if (Boolean.TRUE.equals(entry.get("blocked"))) {
            error = "Package " + build.name() + " blocked in " + shown;
        }
        if (error == null) {
            return;
        }
        if (force && ctx.hasPerm("admin")) {
            changes.add(ctx, tag.id(), build.packageId(), ctx.userId(), false, null, true, false);
            return;
        }
        throw new KojiFault(FaultCode.TAG, error);
    }
}
