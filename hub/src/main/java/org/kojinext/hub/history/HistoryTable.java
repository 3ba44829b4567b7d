package org.kojinext.hub.history;

import java.util.List;
import java.util.Map;
import org.jooq.Table;

/**
 * One of Koji's versioned tables as queryHistory reports it.
 *
 * @param table the table (its versioning columns are common to all)
 * @param fields its own columns, in Koji's order; Koji's order matters because when two columns
 *     refer to the same kind of entity, the entity filter applies to the later one
 * @param joins the name join for each column that has one
 * @param orFilters entity kinds whose filter matches any of several columns instead
 */
record HistoryTable(Table<?> table, List<String> fields, Map<String, NameJoin> joins,
                    Map<String, List<String>> orFilters) {

    String name() {
        return table.getName();
    }
}
