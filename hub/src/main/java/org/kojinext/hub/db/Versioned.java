package org.kojinext.hub.db;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Koji's versioned-table pattern on any table that has its columns: a change never updates or
 * deletes a live row, it revokes it (active NULL, revoke_event and revoker_id set) and inserts a
 * new one stamped with create_event and creator_id.
 */
public final class Versioned {
    private Versioned() {
    }

    /** Revokes the live rows matching {@code where}; returns how many were revoked. */
    public static int revoke(DSLContext db, Table<?> table, Condition where, int event, int userId) {
        return db.update(table)
                .set(active(table), (Boolean) null)
                .set(col(table, "revoke_event"), event)
                .set(col(table, "revoker_id"), userId)
                .where(where.and(active(table).isTrue()))
                .execute();
    }

    /** Stamps a new row with the event and creator, then inserts it. */
    public static <R extends TableRecord<R>> void create(DSLContext db, R record, int event, int userId) {
        Table<R> table = record.getTable();
        record.set(col(table, "create_event"), event);
        record.set(col(table, "creator_id"), userId);
        db.executeInsert(record);
    }

    /**
     * Rows as they stood at an event (Koji's eventCondition): created at or before it and not yet
     * revoked then. With a null event, the live rows.
     */
    public static Condition at(Table<?> table, Integer event) {
        if (event == null) {
            return active(table).isTrue();
        }
        Field<Integer> revoked = col(table, "revoke_event");
        return col(table, "create_event").le(event).and(revoked.isNull().or(revoked.gt(event)));
    }

    public static Field<Boolean> active(Table<?> table) {
        Field<Boolean> f = table.field("active", Boolean.class);
        if (f == null) {
            throw new IllegalArgumentException(table.getName() + " is not a versioned table");
        }
        return f;
    }

    private static Field<Integer> col(Table<?> table, String name) {
        Field<Integer> f = table.field(name, Integer.class);
        if (f == null) {
            throw new IllegalArgumentException(table.getName() + " is not a versioned table");
        }
        return f;
    }
}
