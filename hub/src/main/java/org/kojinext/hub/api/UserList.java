package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.USER_GROUPS;
import static org.kojinext.hub.db.jooq.Tables.USER_PERMS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.db.jooq.tables.records.PermissionsRecord;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.protocol.KojiFault;

/** listUsers: Koji's filters (type, prefix, permission) and queryOpts. */
final class UserList {
    private static final Map<String, Field<?>> SORTABLE = Map.of(
            "id", USERS.ID, "name", USERS.NAME, "status", USERS.STATUS, "usertype", USERS.USERTYPE);

    private UserList() {
    }

    static Object list(CallContext ctx, Args a) {
        DSLContext db = ctx.db();
        String perm = a.str("perm");
        boolean inherited = a.bool("inherited_perm");
        if (inherited && perm == null) {
            throw KojiFault.generic("inherited_perm option must be used with perm option");
        }
        List<Condition> where = new ArrayList<>();
        Object type = a.get("userType");
        if (type instanceof Integer t) {
            where.add(USERS.USERTYPE.eq(t));
        } else if (type instanceof List<?> types) {
            List<Integer> ints = new ArrayList<>();
            for (Object t : types) {
                if (!(t instanceof Integer i)) {
                    throw KojiFault.parameter("userType must be integer, list, tuple or None");
                }
                ints.add(i);
            }
            where.add(USERS.USERTYPE.in(ints));
        } else if (type != null) {
            throw KojiFault.parameter("userType must be integer, list, tuple or None");
        }
        String prefix = a.str("prefix");
        if (prefix != null) {
            where.add(USERS.NAME.likeIgnoreCase(escapeLike(prefix) + "%", '\\'));
        }
        if (perm != null) {
            PermissionsRecord p = PermissionApi.lookup(db, perm, true, false);
            var holders = DSL.select(USER_PERMS.USER_ID).from(USER_PERMS)
                    .where(USER_PERMS.PERM_ID.eq(p.getId()), USER_PERMS.ACTIVE.isTrue());
            Condition has = USERS.ID.in(holders);
            if (inherited) {
                has = has.or(USERS.ID.in(DSL.select(USER_GROUPS.USER_ID).from(USER_GROUPS)
                        .where(USER_GROUPS.ACTIVE.isTrue(), USER_GROUPS.GROUP_ID.in(holders))));
            }
            where.add(has);
        }
        Map<String, Object> rawOpts = a.map("queryOpts");
        if (rawOpts != null && rawOpts.get("group") != null) {
            throw KojiFault.generic("queryOpts.group is not available for this API");
        }
        QueryOpts opts = QueryOpts.parse(rawOpts, SORTABLE);
        if (opts.countOnly()) {
            return db.fetchCount(USERS, where);
        }
        var query = db.selectFrom(USERS).where(where)
                .orderBy(opts.order().isEmpty() ? List.of(USERS.ID.asc()) : opts.order());
        var rows = opts.limit() != null
                ? query.limit(opts.limit()).offset(opts.offset() == null ? 0 : opts.offset()).fetch()
                : opts.offset() != null ? query.offset(opts.offset()).fetch() : query.fetch();
        List<Object> out = new ArrayList<>(rows.size());
        for (var r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.getId());
            m.put("name", r.getName());
            m.put("status", r.getStatus());
            m.put("usertype", r.getUsertype());
            m.put("krb_principals", UserStore.krbPrincipals(db, r.getId()));
            out.add(m);
        }
        return out;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
