package org.kojinext.hub.comps;

import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.rpc.CallContext;

/** Writing the comps tables' versioned rows for the caller, stamped with the call's event. */
final class Rows {
    private Rows() {
    }

    /** Revokes the live row matching {@code key}, if any. */
    static void revoke(CallContext ctx, Table<?> table, Condition key) {
        Versioned.revoke(ctx.db(), table, key, ctx.event(), ctx.userId());
    }

    /** Revokes the live row matching {@code key} and inserts its successor with these column values. */
    static <R extends TableRecord<R>> void replace(CallContext ctx, Table<R> table, Condition key,
                                                  Map<String, Object> values) {
        revoke(ctx, table, key);
        DSLContext db = ctx.db();
        R row = db.newRecord(table);
        values.forEach((column, value) -> set(row, table, column, value));
        Versioned.create(db, row, ctx.event(), ctx.userId());
    }

    @SuppressWarnings("unchecked")
    private static void set(TableRecord<?> row, Table<?> table, String column, Object value) {
        Field<Object> f = (Field<Object>) table.field(column);
        if (f == null) {
            throw new IllegalArgumentException(table.getName() + " has no column " + column);
        }
        row.set(f, value);
    }
}
