package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.USER_KRB_PRINCIPALS;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.protocol.KojiFault;

/** editUser's krb_principal_mappings: a list of {old, new} changes, checked as a whole first. */
final class KrbMappings {
    private KrbMappings() {
    }

    static void apply(DSLContext db, int userId, List<Object> mappings) {
        Set<String> added = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        for (Object o : mappings) {
            if (!(o instanceof Map<?, ?> pair)) {
                throw KojiFault.generic("krb_principal_mappings entries must be dicts");
            }
            if (pair.get("old") instanceof String old && !old.isEmpty()) {
                removed.add(old);
            }
            Object nw = pair.get("new");
            if (nw != null && !"".equals(nw)) {
                NameRules.checkKrbPrincipal(nw);
                added.add((String) nw);
            }
        }
        Set<String> dups = new LinkedHashSet<>(added);
        dups.retainAll(removed);
        if (!dups.isEmpty()) {
            throw KojiFault.generic("There are some conflicts between added and removed Kerberos principals: "
                    + String.join(", ", dups));
        }
        Set<String> current = new LinkedHashSet<>(UserStore.krbPrincipals(db, userId));
        dups = new LinkedHashSet<>(added);
        dups.retainAll(current);
        if (!dups.isEmpty()) {
            throw KojiFault.generic("Cannot add existing Kerberos principals: " + String.join(", ", dups));
        }
        Set<String> missing = new LinkedHashSet<>(removed);
        missing.removeAll(current);
        if (!missing.isEmpty()) {
            throw KojiFault.generic("Cannot remove non-existent Kerberos principals: " + String.join(", ", missing));
        }
        for (String r : removed) {
            db.deleteFrom(USER_KRB_PRINCIPALS)
                    .where(USER_KRB_PRINCIPALS.USER_ID.eq(userId), USER_KRB_PRINCIPALS.KRB_PRINCIPAL.eq(r))
                    .execute();
        }
        for (String a : added) {
            if (UserStore.byKrbPrincipal(db, a) != null) {
                throw KojiFault.generic("user with this Kerberos principal already exists: " + a);
            }
            db.insertInto(USER_KRB_PRINCIPALS).set(USER_KRB_PRINCIPALS.USER_ID, userId)
                    .set(USER_KRB_PRINCIPALS.KRB_PRINCIPAL, a).execute();
        }
    }
}
