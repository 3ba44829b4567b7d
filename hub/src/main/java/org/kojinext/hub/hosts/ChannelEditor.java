package org.kojinext.hub.hosts;

import static org.kojinext.hub.db.jooq.Tables.CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST_CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Koji's channel calls: add, edit, enable/disable, host membership, list; and the removed removeChannel. */
public final class ChannelEditor {
    private ChannelEditor() {
    }

    public static int add(DSLContext db, Object name, Object description) {
        NameRules.checkInternal(name);
        if (description != null && !(description instanceof String)) {
            throw KojiFault.parameter("Channel description must be a string");
        }
        duplicate(db, name);
        return db.insertInto(CHANNELS).set(CHANNELS.NAME, (String) name)
                .set(CHANNELS.DESCRIPTION, (String) description).returning(CHANNELS.ID).fetchSingle().getId();
    }

    private static void duplicate(DSLContext db, Object name) {
        Map<String, Object> dup = ChannelStore.get(db, name, false);
        if (dup != null) {
            throw KojiFault.generic("channel " + dup.get("name") + " already exists (id=" + dup.get("id") + ")");
        }
    }

    /** Koji's edit_channel: name, description, comment. False when nothing changed. */
    public static boolean edit(DSLContext db, Object channelInfo, Map<String, Object> kw) {
        Map<String, Object> ch = ChannelStore.get(db, channelInfo, true);
        List<String> changes = new ArrayList<>();
        for (String f : List.of("description", "comment", "name")) {
            if (kw.containsKey(f) && !java.util.Objects.equals(kw.get(f), ch.get(f))) {
                changes.add(f);
            }
        }
        if (changes.isEmpty()) {
            return false;
        }
        if (kw.get("name") != null && !"".equals(kw.get("name"))) {
            NameRules.checkInternal(kw.get("name"));
            duplicate(db, kw.get("name"));
        }
        for (String f : List.of("description", "comment")) {
            if (kw.containsKey(f) && !(kw.get(f) instanceof String)) {
                throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(kw.get(f))
                        + ", expected type <class 'str'>");
            }
        }
        var update = db.update(CHANNELS).set(CHANNELS.ID, CHANNELS.ID);
        for (String f : changes) {
            update = switch (f) {
                case "name" -> update.set(CHANNELS.NAME, (String) kw.get(f));
                case "description" -> update.set(CHANNELS.DESCRIPTION, (String) kw.get(f));
                default -> update.set(CHANNELS.COMMENT, (String) kw.get(f));
            };
        }
        update.where(CHANNELS.ID.eq((Integer) ch.get("id"))).execute();
        return true;
    }

    /**
     * removeChannel as Koji had it until 1.30: refused while tasks use the channel, and while
     * hosts are in it unless force, which drops its host membership history too.
     */
    public static void remove(DSLContext db, Object name, boolean force) {
        Map<String, Object> ch = ChannelStore.get(db, name, false);
        if (ch == null) {
            throw KojiFault.generic("No such channel: " + PythonRepr.str(name));
        }
        int id = (Integer) ch.get("id");
        if (db.fetchExists(TASK, TASK.CHANNEL_ID.eq(id))) {
            throw KojiFault.generic("channel " + PythonRepr.str(name) + " has task references");
        }
        if (db.fetchExists(HOST_CHANNELS, HOST_CHANNELS.CHANNEL_ID.eq(id))) {
            if (!force) {
                throw KojiFault.generic("channel " + PythonRepr.str(name) + " has host references");
            }
            db.deleteFrom(HOST_CHANNELS).where(HOST_CHANNELS.CHANNEL_ID.eq(id)).execute();
        }
        db.deleteFrom(CHANNELS).where(CHANNELS.ID.eq(id)).execute();
    }

    /** Koji's set_channel_enabled. */
    public static void setEnabled(DSLContext db, Object name, boolean enabled, Object comment) {
        if (comment != null && !(comment instanceof String)) {
            throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(comment)
                    + ", expected type <class 'str'>");
        }
        Map<String, Object> ch = ChannelStore.get(db, name, false);
        if (ch == null) {
            throw KojiFault.generic("No such channel: " + PythonRepr.str(name));
        }
        var update = db.update(CHANNELS).set(CHANNELS.ENABLED, enabled);
        if (comment != null) {
            update = update.set(CHANNELS.COMMENT, (String) comment);
        }
        update.where(CHANNELS.ID.eq((Integer) ch.get("id"))).execute();
    }

    /** Koji's add_host_to_channel. */
    public static void addHost(DSLContext db, Object hostname, Object channelName, boolean create, boolean force,
            int event, int userId) {
        Map<String, Object> host = HostStore.get(db, hostname, false, null);
        if (host == null) {
            throw KojiFault.generic("host does not exist: " + PythonRepr.str(hostname));
        }
        Map<String, Object> ch = ChannelStore.get(db, channelName, false);
        if (ch == null && create) {
            NameRules.checkInternal(channelName);
            add(db, channelName, null);
            ch = ChannelStore.get(db, channelName, true);
        }
        if (ch == null) {
            throw KojiFault.generic("channel does not exist: " + PythonRepr.str(channelName));
        }
        if (!force && !Boolean.TRUE.equals(ch.get("enabled"))) {
            throw KojiFault.generic("channel " + PythonRepr.str(channelName) + " is disabled");
        }
        int hostId = (Integer) host.get("id");
        int channelId = (Integer) ch.get("id");
        if (db.fetchExists(HOST_CHANNELS, HOST_CHANNELS.HOST_ID.eq(hostId), HOST_CHANNELS.CHANNEL_ID.eq(channelId),
                HOST_CHANNELS.ACTIVE.isTrue())) {
            throw KojiFault.generic("host " + PythonRepr.str(hostname) + " is already subscribed to the "
                    + PythonRepr.str(channelName) + " channel");
        }
        var link = db.newRecord(HOST_CHANNELS);
        link.setHostId(hostId);
        link.setChannelId(channelId);
        Versioned.create(db, link, event, userId);
    }

    /** Koji's remove_host_from_channel. */
    public static void removeHost(DSLContext db, Object hostname, Object channelName, int event, int userId) {
        Map<String, Object> host = HostStore.get(db, hostname, false, null);
        if (host == null) {
            throw KojiFault.generic("host does not exist: " + PythonRepr.str(hostname));
        }
        Map<String, Object> ch = ChannelStore.get(db, channelName, false);
        if (ch == null) {
            throw KojiFault.generic("channel does not exist: " + PythonRepr.str(channelName));
        }
        Condition link = HOST_CHANNELS.HOST_ID.eq((Integer) host.get("id"))
                .and(HOST_CHANNELS.CHANNEL_ID.eq((Integer) ch.get("id")));
        if (Versioned.revoke(db, HOST_CHANNELS, link, event, userId) == 0) {
            throw KojiFault.generic("host " + PythonRepr.str(hostname) + " is not subscribed to the "
                    + PythonRepr.str(channelName) + " channel");
        }
    }

    /** Koji's list_channels: all channels, or a host's (at an event). */
    public static List<Map<String, Object>> list(DSLContext db, Object hostId, Integer event, Boolean enabled) {
        List<Condition> where = new ArrayList<>();
        if (enabled != null) {
            where.add(enabled ? CHANNELS.ENABLED.isTrue() : CHANNELS.ENABLED.isFalse());
        }
        List<Record> rows;
        var fields = List.of(CHANNELS.ID, CHANNELS.NAME, CHANNELS.DESCRIPTION, CHANNELS.ENABLED, CHANNELS.COMMENT);
        if (hostId != null && !Integer.valueOf(0).equals(hostId) && !"".equals(hostId)) {
            int id = hostId instanceof String ? HostStore.requireId(db, hostId) : (Integer) hostId;
            where.add(Versioned.at(HOST_CHANNELS, event));
            where.add(HOST_CHANNELS.HOST_ID.eq(id));
            rows = new ArrayList<>(db.select(fields).from(HOST_CHANNELS).join(CHANNELS)
                    .on(CHANNELS.ID.eq(HOST_CHANNELS.CHANNEL_ID)).where(where).orderBy(CHANNELS.ID).fetch());
        } else if (event != null) {
            throw KojiFault.generic("list_channels with event and not host is not allowed.");
        } else {
            rows = new ArrayList<>(db.select(fields).from(CHANNELS).where(where).orderBy(CHANNELS.ID).fetch());
        }
        return rows.stream().map(ChannelStore::struct).toList();
    }
}
