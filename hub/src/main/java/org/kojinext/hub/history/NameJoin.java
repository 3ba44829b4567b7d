package org.kojinext.hub.history;

import org.jooq.Field;
import org.jooq.Table;

/**
 * How queryHistory names what a column refers to: it joins {@code target AS alias} on the
 * column and reports {@code alias.name} under {@code key}. The target's table name is the entity
 * kind the per-entity filters (tag, user, ...) look for.
 */
record NameJoin(Table<?> target, String alias, String key) {

    String kind() {
        return target.getName();
    }

    Table<?> aliased() {
        return alias.equals(target.getName()) ? target : target.as(alias);
    }

    static Field<Integer> id(Table<?> aliased) {
        return aliased.field("id", Integer.class);
    }

    static Field<String> name(Table<?> aliased) {
        return aliased.field("name", String.class);
    }
}
