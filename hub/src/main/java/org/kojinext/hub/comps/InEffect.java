package org.kojinext.hub.comps;

import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.protocol.KojiFault;

/** A group as it is in effect in a tag now, for changing its packages or requirements. */
final class InEffect {
    private InEffect() {
    }

    /**
     * The group's nearest configuration with its packages or requirements in effect (see
     * {@link TagGroupReader}); Koji's error when the tag lacks the group or blocks it.
     */
    static Map<String, Object> group(DSLContext db, TagRef tag, GroupStore.Group group, boolean packages,
                                     boolean reqs) {
        Map<String, Object> cfg = TagGroupReader.read(db, tag.id(), null, true, packages, reqs).get(group.id());
        if (cfg == null) {
            throw KojiFault.generic("group " + group.name() + " not present in tag " + tag.name());
        }
        if (Boolean.TRUE.equals(cfg.get("blocked"))) {
            throw KojiFault.generic("group " + group.name() + " is blocked in tag " + tag.name());
        }
        return cfg;
    }

    /** The entry under {@code key} in the group's "packagelist" or "grouplist", or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> entry(Map<String, Object> cfg, String list, Object key) {
        return (Map<String, Object>) ((Map<?, ?>) cfg.get(list)).get(key);
    }
}
