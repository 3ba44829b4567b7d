package org.kojinext.hub.hosts;

import static org.kojinext.hub.db.jooq.Tables.CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.HOST_CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.SESSIONS;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.USER_KRB_PRINCIPALS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.auth.UserStatus;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.builds.BuildStore;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.db.jooq.tables.records.HostConfigRecord;
import org.kojinext.hub.db.jooq.tables.records.UsersRecord;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.tags.Arches;
import org.kojinext.protocol.KojiFault;

/** Koji's host calls: add_host, edit_host, set_host_enabled, listHosts, getLastHostUpdate, get_all_arches. */
public final class HostEditor {
    private HostEditor() {
    }

    /**
     * Koji's addHost: the host's user (usertype HOST; an existing normal user only with force),
     * the host row, its configuration and membership of channel 'default'.
     */
    public static int add(DSLContext db, Object hostname, Object arches, Object krbPrincipal, boolean force,
            int event, int userId) {
        NameRules.checkInternal(hostname);
        NameRules.checkUserName(hostname);
        String name = (String) hostname;
        if (!(arches instanceof List<?>)) {
            throw KojiFault.parameter("arches must be a list, not " + PythonRepr.of(arches));
        }
        String archList = Arches.parseStrict(arches);
        if (HostStore.get(db, name, false, null) != null) {
            throw KojiFault.generic("host already exists: " + name);
        }
        int defaultChannel = db.select(CHANNELS.ID).from(CHANNELS).where(CHANNELS.NAME.eq("default"))
                .fetchOptional(CHANNELS.ID).orElseThrow(() -> KojiFault.generic("query returned no rows"));
        if (krbPrincipal != null && !(krbPrincipal instanceof String)) {
            throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(krbPrincipal)
                    + ", expected type <class 'str'>");
        }
        UsersRecord user = UserStore.byName(db, name);
        if (user == null && krbPrincipal != null) {
            user = UserStore.byKrbPrincipal(db, (String) krbPrincipal);
        }
        int hostUser;
        if (user != null) {
            if (user.getUsertype() != UserStatus.TYPE_HOST) {
                if (force && user.getUsertype() == UserStatus.TYPE_NORMAL) {
                    db.update(USERS).set(USERS.USERTYPE, UserStatus.TYPE_HOST).where(USERS.ID.eq(user.getId()))
                            .execute();
                } else {
                    throw KojiFault.generic("user " + name + " already exists and it is not a host");
                }
            }
            hostUser = user.getId();
        } else {
            hostUser = db.insertInto(USERS).set(USERS.NAME, name).set(USERS.USERTYPE, UserStatus.TYPE_HOST)
                    .set(USERS.STATUS, UserStatus.NORMAL).returning(USERS.ID).fetchSingle().getId();
            if (krbPrincipal != null) {
                db.insertInto(USER_KRB_PRINCIPALS).set(USER_KRB_PRINCIPALS.USER_ID, hostUser)
                        .set(USER_KRB_PRINCIPALS.KRB_PRINCIPAL, (String) krbPrincipal).execute();
            }
        }
        int hostId = db.insertInto(HOST).set(HOST.USER_ID, hostUser).set(HOST.NAME, name)
                .returning(HOST.ID).fetchSingle().getId();
        HostConfigRecord cfg = db.newRecord(HOST_CONFIG);
        cfg.setHostId(hostId);
        cfg.setArches(archList);
        Versioned.create(db, cfg, event, userId);
        var link = db.newRecord(HOST_CHANNELS);
        link.setHostId(hostId);
        link.setChannelId(defaultChannel);
        Versioned.create(db, link, event, userId);
        return hostId;
    }

    /** Koji's edit_host: arches, capacity, description, comment. False when nothing changed. */
    public static boolean edit(DSLContext db, Object hostInfo, Map<String, Object> kw, int event, int userId) {
        Map<String, Object> host = HostStore.get(db, hostInfo, true, null);
        List<String> changes = new ArrayList<>();
        for (String f : List.of("arches", "capacity", "description", "comment")) {
            if (kw.containsKey(f) && !same(kw.get(f), host.get(f))) {
                changes.add(f);
            }
        }
        if (changes.isEmpty()) {
            return false;
        }
        for (String f : changes) {
            if (!f.equals("capacity") && !(kw.get(f) instanceof String)) {
                throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(kw.get(f))
                        + ", expected type <class 'str'>");
            }
        }
        HostConfigRecord cfg = current(db, host);
        if (changes.contains("arches")) {
            cfg.setArches(Arches.parseStrict(kw.get("arches")));
        }
        if (changes.contains("capacity")) {
            if (!(kw.get("capacity") instanceof Number n)) {
                throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(kw.get("capacity"))
                        + ", expected type <class 'float'>");
            }
            cfg.setCapacity(n.doubleValue());
        }
        if (changes.contains("description")) {
            cfg.setDescription((String) kw.get("description"));
        }
        if (changes.contains("comment")) {
            cfg.setComment((String) kw.get("comment"));
        }
        replace(db, (Integer) host.get("id"), cfg, event, userId);
        return true;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Koji's set_host_enabled. */
    public static void setEnabled(DSLContext db, Object hostname, boolean enabled, int event, int userId) {
        Map<String, Object> host = HostStore.get(db, hostname, false, null);
        if (host == null) {
            throw KojiFault.generic("host does not exist: " + PythonRepr.str(hostname));
        }
        HostConfigRecord cfg = current(db, host);
        cfg.setEnabled(enabled);
        replace(db, (Integer) host.get("id"), cfg, event, userId);
    }

    private static HostConfigRecord current(DSLContext db, Map<String, Object> host) {
        HostConfigRecord cfg = db.newRecord(HOST_CONFIG);
        cfg.setHostId((Integer) host.get("id"));
        cfg.setArches((String) host.get("arches"));
        cfg.setCapacity((Double) host.get("capacity"));
        cfg.setDescription((String) host.get("description"));
        cfg.setComment((String) host.get("comment"));
        cfg.setEnabled((Boolean) host.get("enabled"));
        return cfg;
    }

    private static void replace(DSLContext db, int hostId, HostConfigRecord cfg, int event, int userId) {
        Versioned.revoke(db, HOST_CONFIG, HOST_CONFIG.HOST_ID.eq(hostId), event, userId);
        Versioned.create(db, cfg, event, userId);
    }

    /** Koji's listHosts. */
    public static List<Map<String, Object>> list(DSLContext db, Object arches, Object channelId, Boolean ready,
            Boolean enabled, Object userId, Map<String, Object> queryOpts) {
        List<Condition> where = new ArrayList<>();
        where.add(HOST_CONFIG.ACTIVE.isTrue());
        var from = HOST_CONFIG.join(HOST).on(HOST.ID.eq(HOST_CONFIG.HOST_ID));
        if (arches != null) {
            List<?> list = arches instanceof List<?> l ? l : List.of(arches);
            if (list.isEmpty() || "".equals(arches)) {
                throw KojiFault.generic("arches option cannot be empty");
            }
            // PostgreSQL's word boundaries, so that ppc does not match ppc64
            where.add(HOST_CONFIG.ARCHES.likeRegex("\\m(" + String.join("|", escapeRegex(list)) + ")\\M"));
        }
        if (channelId != null) {
            Map<String, Object> ch = ChannelStore.get(db, channelId, false);
            if (ch == null) {
                throw KojiFault.generic("No such channel: " + PythonRepr.str(channelId));
            }
            from = from.join(HOST_CHANNELS).on(HOST_CHANNELS.HOST_ID.eq(HOST.ID));
            where.add(HOST_CHANNELS.CHANNEL_ID.eq((Integer) ch.get("id")));
            where.add(HOST_CHANNELS.ACTIVE.isTrue());
        }
        if (ready != null) {
            where.add(ready ? HOST.READY.isTrue() : HOST.READY.isFalse());
        }
        if (enabled != null) {
            where.add(enabled ? HOST_CONFIG.ENABLED.isTrue() : HOST_CONFIG.ENABLED.isFalse());
        }
        if (userId != null) {
            UsersRecord u = userId instanceof Integer i ? UserStore.byId(db, i)
                    : userId instanceof String s ? UserStore.byName(db, s) : null;
            if (u == null) {
                throw KojiFault.generic("No such user: " + PythonRepr.str(userId));
            }
            where.add(HOST.USER_ID.eq(u.getId()));
        }
        var select = db.select(HOST.ID, HOST.USER_ID, HOST.NAME, HOST.UPDATE_TIME, HOST.READY, HOST.TASK_LOAD,
                HOST_CONFIG.ARCHES, HOST_CONFIG.CAPACITY, HOST_CONFIG.DESCRIPTION, HOST_CONFIG.COMMENT,
                HOST_CONFIG.ENABLED).from(from).where(where);
        QueryOpts q = QueryOpts.parse(queryOpts, Map.of("id", HOST.ID, "name", HOST.NAME, "user_id", HOST.USER_ID,
                "update_ts", HOST.UPDATE_TIME, "ready", HOST.READY, "task_load", HOST.TASK_LOAD,
                "arches", HOST_CONFIG.ARCHES, "capacity", HOST_CONFIG.CAPACITY, "enabled", HOST_CONFIG.ENABLED));
        return q.fetch(select, HOST.ID.asc()).map(HostStore::struct);
    }

    private static List<String> escapeRegex(List<?> arches) {
        List<String> out = new ArrayList<>();
        for (Object a : arches) {
            out.add(String.valueOf(a).replaceAll("([\\\\.^$|?*+()\\[\\]{}])", "\\\\$1"));
        }
        return out;
    }

    /** Koji's getLastHostUpdate: the newest session activity of the host's user. */
    public static Object lastUpdate(DSLContext db, int hostId, boolean ts) {
        OffsetDateTime t = db.select(SESSIONS.UPDATE_TIME).from(SESSIONS)
                .join(HOST).on(HOST.USER_ID.eq(SESSIONS.USER_ID))
                .where(HOST.ID.eq(hostId)).orderBy(SESSIONS.UPDATE_TIME.desc()).limit(1)
                .fetchOne(SESSIONS.UPDATE_TIME);
        if (t == null) {
            return null;
        }
        return ts ? BuildStore.epoch(t) : t;
    }

    /** Koji's get_all_arches: every arch some host has, once each, in first-seen order. */
    public static List<String> allArches(DSLContext db) {
        Set<String> out = new LinkedHashSet<>();
        for (String arches : db.select(HOST_CONFIG.ARCHES).from(HOST_CONFIG).where(HOST_CONFIG.ACTIVE.isTrue())
                .orderBy(HOST_CONFIG.HOST_ID).fetch(HOST_CONFIG.ARCHES)) {
            if (arches != null) {
                for (String a : arches.trim().split("\\s+")) {
                    if (!a.isEmpty()) {
                        out.add(canon(a));
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The part of Koji's canonArch that matters for host arches: i?86 and friends to one name. */
    private static String canon(String arch) {
        if (arch.matches("i[3-6]86|athlon|geode")) {
            return "i386";
        }
        return switch (arch) {
            case "amd64", "ia32e" -> "x86_64";
            case "ppc64iseries", "ppc64pseries" -> "ppc64";
            default -> arch;
        };
    }

}
