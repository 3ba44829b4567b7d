package org.kojinext.hub.api;

import org.kojinext.hub.history.EventLookup;
import org.kojinext.hub.history.HistoryQuery;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;

/** Events and the history that versioned tables keep. */
public final class HistoryApi implements ApiModule {
    private final UserApi users;

    public HistoryApi(UserApi users) {
        this.users = users;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("getEvent").param("id").param("strict", true)
                .access(Access.anonymousRead())
                .doc("Get information about the event with the given id.\n"
                        + "\n"
                        + ":param int id: the event id\n"
                        + ":param bool strict: if True (the default), error on invalid event\n"
                        + ":returns: dict with id and ts (float seconds since the epoch), or None")
                .handler((ctx, a) -> EventLookup.get(ctx.db(), a.get("id"), a.bool("strict")));
        m.method("getLastEvent").param("before", null).param("strict", true)
                .access(Access.anonymousRead())
                .doc("The id and ts of the newest event; with before (seconds since the epoch), of the newest "
                        + "event before that time. With strict (the default), no such event is an error.")
                .handler((ctx, a) -> EventLookup.last(ctx.db(), a.get("before"), a.bool("strict")));
        m.method("queryHistory").param("tables", null).varkw("kwargs")
                .access(Access.anonymousRead())
                .doc("History of Koji's versioned tables: {table: [rows]}.\n"
                        + "\n"
                        + "tables: which tables to search; all by default.\n"
                        + "before, after: created or revoked before/after a time (seconds since the epoch, or a time string).\n"
                        + "beforeEvent, afterEvent: created or revoked before/after an event id.\n"
                        + "active: only live rows (true) or only revoked ones (false).\n"
                        + "editor: created or revoked by this user.\n"
                        + "tag, build, package, user, permission, build_target, external_repo, cg, group, host, "
                        + "channel: only rows relating to it; tables that cannot relate to it are left out.\n"
                        + "queryOpts: order, offset, limit, countOnly, applied to each table.")
                .handler((ctx, a) -> HistoryQuery.run(ctx.db(), a.list("tables"), a.varkw(),
                        (db, info) -> users.resolve(db, info, true).getId()));
    }
}
