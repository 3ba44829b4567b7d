package org.kojinext.hub.tags;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Koji's getBuildConfig: a tag with arches and extra completed from its inheritance. Arches come
 * from the first tag in inheritance order that has them (the empty string counts as having them,
 * as in Koji); each extra key from the first tag that sets or blocks it, blocked keys then dropped.
 * Links marked noconfig are passed over, though tags above them still count.
 */
public final class BuildConfig {
    private BuildConfig() {
    }

    public static Map<String, Object> read(DSLContext db, Object tagInfo, Integer event) {
        TagInfo tag = TagStore.get(db, tagInfo, true, event);
        Map<String, Object> result = tag.toMap();
        Map<String, TagStore.ExtraValue> extra = new LinkedHashMap<>(TagStore.extraWithBlocked(db, tag.id(), event));
        Map<String, Object> extraFrom = new LinkedHashMap<>();
        Object archesFrom = null;
        String arches = tag.arches();
        for (InheritanceLink link : InheritanceWalker.readFull(db, tag.id(), event, false)) {
            if (link.noconfig()) {
                continue;
            }
            TagInfo ancestor = TagStore.get(db, link.parentId(), true, event);
            if (arches == null && ancestor.arches() != null) {
                arches = ancestor.arches();
                archesFrom = idAndName(ancestor);
            }
            for (var e : TagStore.extraWithBlocked(db, ancestor.id(), event).entrySet()) {
                if (!extra.containsKey(e.getKey())) {
                    extra.put(e.getKey(), e.getValue());
                    extraFrom.put(e.getKey(), idAndName(ancestor));
                }
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        extra.forEach((k, v) -> {
            if (!v.blocked()) {
                values.put(k, v.value());
            }
        });
        result.put("arches", arches);
        result.put("extra", values);
        if (event != null) {
            result.put("query_event", event);
        }
        Map<String, Object> inheritance = new LinkedHashMap<>();
        inheritance.put("extra", extraFrom);
        inheritance.put("arches", archesFrom);
        result.put("config_inheritance", inheritance);
        return result;
    }

    private static Map<String, Object> idAndName(TagInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        return m;
    }
}
