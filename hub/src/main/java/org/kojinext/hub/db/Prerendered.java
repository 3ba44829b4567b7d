package org.kojinext.hub.db;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * A typed jOOQ SELECT whose SQL is rendered once, for the hottest reads. Rendering a six-table
 * join anew on every call was half of the hub's CPU time for getBuild; the query is still built
 * with jOOQ's types, and its rows come back typed by the same fields.
 *
 * <p>Binds are positional, in the order of the {@link DSL#param} placeholders in the query.
 */
public final class Prerendered {
    private final String sql;
    private final List<Field<?>> fields;

    private Prerendered(String sql, List<Field<?>> fields) {
        this.sql = sql;
        this.fields = fields;
    }

    public static Prerendered of(Select<?> select) {
        // Only DSL.param placeholders may bind: a plain value would render as one more '?' that
        // nothing fills. Constants must be DSL.inline.
        if (select.getParams().values().stream().anyMatch(p -> !p.isInline() && p.getParamName() == null)) {
            throw new IllegalArgumentException("a prerendered query binds only DSL.param values; inline the constants: "
                    + select);
        }
        String sql = DSL.using(SQLDialect.POSTGRES, Tx.SETTINGS).renderContext().paramType(ParamType.INDEXED)
                .visit(select).render();
        return new Prerendered(sql, List.of(select.getSelect().toArray(Field<?>[]::new)));
    }

    /** Every row. */
    public org.jooq.Result<Record> fetch(DSLContext db, Object... binds) {
        return db.resultQuery(sql, binds).coerce(fields).fetch();
    }

    /** The one row, or null. */
    public Record fetchOne(DSLContext db, Object... binds) {
        return db.resultQuery(sql, binds).coerce(fields).fetchOne();
    }
}
