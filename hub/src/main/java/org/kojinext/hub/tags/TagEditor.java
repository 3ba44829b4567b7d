package org.kojinext.hub.tags;

import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.GROUP_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.GROUP_PACKAGE_LISTING;
import static org.kojinext.hub.db.jooq.Tables.GROUP_REQ_LISTING;
import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTERNAL_REPOS;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTRA;
import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.db.jooq.tables.records.TagConfigRecord;
import org.kojinext.hub.db.jooq.tables.records.TagExtraRecord;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/** Creating, editing and deleting tags, with Koji's checks and messages. Callers check access. */
public final class TagEditor {
    /** Koji's EnableMaven; Koji Next has no Maven support yet. */
    static final boolean MAVEN_ENABLED = false;

    private final DSLContext db;
    private final int event;
    private final int userId;

    public TagEditor(DSLContext db, int event, int userId) {
        this.db = db;
        this.event = event;
        this.userId = userId;
    }

    /** Koji's create_tag; returns the tag's id (a deleted tag's id when the name is reused). */
    public int create(Object name, Object parent, Object arches, Object perm, boolean locked,
                      boolean mavenSupport, boolean mavenIncludeAll, Map<String, Object> extra) {
        NameRules.checkInternal(name);
        String archList = Arches.parseStrict(arches);
        if (!MAVEN_ENABLED && (mavenSupport || mavenIncludeAll)) {
            throw KojiFault.generic("Maven support not enabled");
        }
        if (TagStore.get(db, name, false, null) != null) {
            throw KojiFault.generic("A tag with the name '" + name + "' already exists");
        }
        Integer parentId = null;
        if (KojiArgs.truthy(parent)) {
            TagInfo p = TagStore.get(db, parent, false, null);
            if (p == null) {
                throw KojiFault.generic("Parent tag '" + PythonRepr.str(parent) + "' could not be found");
            }
            parentId = p.id();
        }
        Integer permId = perm == null ? null : permId(perm);

        Integer tagId = TagStore.resolveId(db, name, false);
        if (tagId == null) {
            tagId = db.insertInto(TAG).set(TAG.NAME, (String) name).returning(TAG.ID).fetchSingle().getId();
        }
        TagConfigRecord config = db.newRecord(TAG_CONFIG);
        config.setTagId(tagId);
        config.setArches(archList);
        config.setPermId(permId);
        config.setLocked(locked);
        config.setMavenSupport(mavenSupport);
        config.setMavenIncludeAll(mavenIncludeAll);
        Versioned.create(db, config, event, userId);
        if (extra != null) {
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                insertExtra(tagId, e.getKey(), ExtraJson.encode(e.getValue()));
            }
        }
        if (parentId != null) {
            Map<String, Object> link = new HashMap<>();
            link.put("parent_id", parentId);
            link.put("priority", 0);
            link.put("maxdepth", null);
            link.put("intransitive", false);
            link.put("noconfig", false);
            link.put("pkg_filter", "");
            InheritanceWriter.write(db, tagId, link, false, event, userId);
        }
        return tagId;
    }

    /** Koji's edit_tag (editTag2): the changes are keyword arguments, each optional. */
    public void edit(Object tagInfo, Map<String, Object> kw) {
        if (!MAVEN_ENABLED && (kw.containsKey("maven_support") || kw.containsKey("maven_include_all"))) {
            throw KojiFault.generic("Maven support not enabled");
        }
        if (KojiArgs.truthy(kw.get("remove_extra"))) {
            PyValues.requireList(kw.get("remove_extra"));
        }
        if (KojiArgs.truthy(kw.get("block_extra"))) {
            PyValues.requireList(kw.get("block_extra"));
        }
        TagInfo tag = TagStore.get(db, tagInfo, true, null);
        Map<String, Object> ownExtra = TagStore.extra(db, tag.id(), null);

        Map<String, Object> kwargs = new HashMap<>(kw);
        if (kwargs.containsKey("perm") && !kwargs.containsKey("perm_id")) {
            kwargs.put("perm_id", kwargs.get("perm"));
        }
        if (kwargs.containsKey("perm_id") && kwargs.get("perm_id") != null) {
            kwargs.put("perm_id", permId(kwargs.get("perm_id")));
        }
        rename(tag, kwargs.get("name"));
        Object arches = kwargs.get("arches");
        if (KojiArgs.truthy(arches) && !PyValues.eq(tag.arches(), arches)) {
            kwargs.put("arches", Arches.parseStrict(arches));
        }
        editConfig(tag, kwargs);

        if (kwargs.containsKey("extra")) {
            setExtra(tag, ownExtra, kwargs);
        }
        if (kwargs.containsKey("block_extra")) {
            for (Object key : listOrEmpty(kwargs.get("block_extra"))) {
                revokeExtra(tag.id(), String.valueOf(key));
                insertExtra(tag.id(), String.valueOf(key), null);
            }
        }
        if (kwargs.containsKey("remove_extra")) {
            List<String> keys = new ArrayList<>();
            listOrEmpty(kwargs.get("remove_extra")).forEach(k -> keys.add(String.valueOf(k)));
            List<String> missing = keys.stream().filter(k -> !ownExtra.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                throw KojiFault.generic("Tag: " + tag.name() + " doesn't have extra: " + String.join(", ", missing));
            }
            keys.forEach(k -> revokeExtra(tag.id(), k));
        }
    }

    private void rename(TagInfo tag, Object name) {
        if (!KojiArgs.truthy(name) || name.equals(tag.name())) {
            return;
        }
        NameRules.checkInternal(name);
        Integer taken = TagStore.resolveId(db, name, false);
        if (taken != null) {
            throw KojiFault.generic("Name " + name + " already taken by tag " + taken);
        }
        db.update(TAG).set(TAG.NAME, (String) name).where(TAG.ID.eq(tag.id())).execute();
    }

    private void editConfig(TagInfo tag, Map<String, Object> kwargs) {
        Map<String, Object> current = tag.toMap();
        boolean changed = false;
        for (String key : List.of("perm_id", "arches", "locked", "maven_support", "maven_include_all")) {
            if (kwargs.containsKey(key) && !PyValues.eq(current.get(key), kwargs.get(key))) {
                changed = true;
                current.put(key, kwargs.get(key));
            }
        }
        if (!changed) {
            return;
        }
        Versioned.revoke(db, TAG_CONFIG, TAG_CONFIG.TAG_ID.eq(tag.id()), event, userId);
        TagConfigRecord config = db.newRecord(TAG_CONFIG);
        config.setTagId(tag.id());
        Object arches = current.get("arches");
        config.setArches(arches == null ? null : Arches.parseStrict(arches));
        config.setPermId((Integer) current.get("perm_id"));
        config.setLocked(KojiArgs.truthy(current.get("locked")));
        config.setMavenSupport(KojiArgs.truthy(current.get("maven_support")));
        config.setMavenIncludeAll(KojiArgs.truthy(current.get("maven_include_all")));
        Versioned.create(db, config, event, userId);
    }

    private void setExtra(TagInfo tag, Map<String, Object> ownExtra, Map<String, Object> kwargs) {
        if (!(kwargs.get("extra") instanceof Map<?, ?> extra)) {
            throw KojiFault.generic("extra must be a dict, not " + PyValues.typeName(kwargs.get("extra")));
        }
        Set<Object> removed = new LinkedHashSet<>(listOrEmpty(kwargs.get("block_extra")));
        removed.addAll(listOrEmpty(kwargs.get("remove_extra")));
        for (Object key : removed) {
            if (extra.containsKey(key)) {
                throw KojiFault.generic("Can not both add/update and remove tag-extra: '" + key + "'");
            }
        }
        for (Map.Entry<?, ?> e : extra.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (!ownExtra.containsKey(key) || !PyValues.eq(ownExtra.get(key), value)) {
                revokeExtra(tag.id(), key);
                // None is stored as JSON null, which is a value: only block_extra blocks a key.
                insertExtra(tag.id(), key, ExtraJson.encode(value));
            }
        }
    }

    private static List<?> listOrEmpty(Object v) {
        return v == null ? List.of() : PyValues.requireList(v);
    }

    private void insertExtra(int tagId, String key, String json) {
        TagExtraRecord row = db.newRecord(TAG_EXTRA);
        row.setTagId(tagId);
        row.setKey(key);
        row.setValue(json);
        Versioned.create(db, row, event, userId);
    }

    private void revokeExtra(int tagId, String key) {
        Versioned.revoke(db, TAG_EXTRA, TAG_EXTRA.TAG_ID.eq(tagId).and(TAG_EXTRA.KEY.eq(key)), event, userId);
    }

    private Integer permId(Object perm) {
        return NameOrId.lookupId(db, PERMISSIONS.ID, PERMISSIONS.NAME, perm, true);
    }

    /**
     * Koji's delete_tag: revokes the tag's configuration and everything that hangs off it. The
     * tag row stays, since revoked rows still point at it.
     */
    public void delete(Object tagInfo) {
        int id = TagStore.get(db, tagInfo, true, null).id();
        Versioned.revoke(db, TAG_CONFIG, TAG_CONFIG.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, TAG_EXTRA, TAG_EXTRA.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, TAG_INHERITANCE, TAG_INHERITANCE.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, TAG_INHERITANCE, TAG_INHERITANCE.PARENT_ID.eq(id), event, userId);
        Versioned.revoke(db, BUILD_TARGET_CONFIG, BUILD_TARGET_CONFIG.BUILD_TAG.eq(id), event, userId);
        Versioned.revoke(db, BUILD_TARGET_CONFIG, BUILD_TARGET_CONFIG.DEST_TAG.eq(id), event, userId);
        Versioned.revoke(db, TAG_LISTING, TAG_LISTING.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, TAG_PACKAGES, TAG_PACKAGES.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, TAG_PACKAGE_OWNERS, TAG_PACKAGE_OWNERS.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, TAG_EXTERNAL_REPOS, TAG_EXTERNAL_REPOS.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, GROUP_CONFIG, GROUP_CONFIG.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, GROUP_REQ_LISTING, GROUP_REQ_LISTING.TAG_ID.eq(id), event, userId);
        Versioned.revoke(db, GROUP_PACKAGE_LISTING, GROUP_PACKAGE_LISTING.TAG_ID.eq(id), event, userId);
    }
}
