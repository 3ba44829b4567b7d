package org.kojinext.hub.tagging;

import java.util.List;
import java.util.Map;
import org.kojinext.hub.packages.PackageList;
import org.kojinext.hub.packages.PackageListChanges;
import org.kojinext.hub.packages.TagView;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.tags.TagEditor;
import org.kojinext.hub.tags.TagInfo;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's snapshotTag: a new tag holding what another holds (at an event): its configuration, its
 * effective package list and its tagged builds, each change with its own event so that the new
 * tag's history reads in order. Inheritance is not copied. Koji also copies comps groups, which
 * Koji Next does not have yet.
 */
public final class Snapshot {
    public record Options(boolean config, boolean pkgs, boolean builds, boolean latestOnly, boolean inheritBuilds,
                          Integer event, boolean force) {
    }

    private final TagView tags;
    private final PackageListChanges packageLists;
    private final TaggedBuilds tagged;

    public Snapshot(TagView tags, PackageListChanges packageLists, TaggedBuilds tagged) {
        this.tags = tags;
        this.packageLists = packageLists;
        this.tagged = tagged;
    }

    public void copy(CallContext ctx, Object srcInfo, Object dstName, Options o) {
        if (o.builds() && !o.pkgs()) {
            throw KojiFault.parameter("builds can't be used without pkgs in snapshotTag");
        }
        if (tags.get(ctx.db(), dstName, false, null) != null) {
            throw KojiFault.generic("Target tag already exists");
        }
        TagInfo src = TagStore.get(ctx.db(), srcInfo, true, o.event());
        if (src.locked() && !o.force()) {
            throw KojiFault.generic("Source tag is locked, use force to copy");
        }
        TagEditor editor = new TagEditor(ctx.db(), ctx.event(), ctx.userId());
        int dstId = o.config()
                ? editor.create(dstName, null, src.arches(), src.permId(), src.locked(), src.mavenSupport(),
                        src.mavenIncludeAll(), TagStore.extra(ctx.db(), src.id(), o.event()))
                : editor.create(dstName, null, null, null, false, false, false, null);
        ctx.tx().newEvent();
        if (o.pkgs()) {
            PackageList.Query q = new PackageList.Query(src.id(), null, null, o.event(), true, true);
            for (Map<String, Object> p : PackageList.read(ctx.db(), q, tags.parents(ctx.db(), src.id(), o.event()))
                    .values()) {
                packageLists.add(ctx, dstId, p.get("package_name"), p.get("owner_name"), (Boolean) p.get("blocked"),
                        p.get("extra_arches"), true, false);
                ctx.tx().newEvent();
            }
        }
        if (o.builds()) {
            TagView.Tag dst = tags.get(ctx.db(), dstId, true, null);
            List<Map<String, Object>> builds = tagged.read(ctx.db(), new TaggedBuilds.Query(src.id(), o.event(),
                    o.inheritBuilds(), o.latestOnly() ? 1 : 0, null, null, null, false, null));
            // Oldest first, so that the copy's most recently tagged build is the source's.
            for (int i = builds.size() - 1; i >= 0; i--) {
                Tagger.tag(ctx, dst, BuildRef.get(ctx.db(), builds.get(i).get("id"), true), true);
                ctx.tx().newEvent();
            }
        }
    }
}
