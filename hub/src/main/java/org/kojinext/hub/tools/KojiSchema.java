package org.kojinext.hub.tools;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.kojinext.hub.db.jooq.DefaultSchema;

/** What a database holds, as far as adopting it is concerned: its tables and their columns. */
final class KojiSchema {
    /** Tables every Koji database has had since its first release. */
    static final List<String> KOJI_MARKERS = List.of("events", "users", "tag", "build");
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private final Set<String> tables = new HashSet<>();
    private final Set<String> columns = new HashSet<>();

    private KojiSchema() {
    }

    /** Reads the tables and columns of the connection's current schema (where Flyway works too). */
    static KojiSchema read(Connection conn) throws SQLException {
        KojiSchema s = new KojiSchema();
        DatabaseMetaData meta = conn.getMetaData();
        String schema = conn.getSchema();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE", "PARTITIONED TABLE"})) {
            while (rs.next()) {
                s.tables.add(rs.getString("TABLE_NAME"));
            }
        }
        try (ResultSet rs = meta.getColumns(null, schema, "%", "%")) {
            while (rs.next()) {
                s.columns.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
            }
        }
        return s;
    }

    boolean has(String table) {
        return tables.contains(table);
    }

    List<String> missingMarkers() {
        return KOJI_MARKERS.stream().filter(t -> !has(t)).toList();
    }

    /**
     * Columns our schema declares on tables this database already has, but which are absent. Our
     * migrations create tables only if missing, so such a column would never appear: these are
     * what a Koji older than 1.35 lacks (build.draft, sessions.closed, ...).
     */
    List<String> missingColumns() {
        List<String> missing = new ArrayList<>();
        for (Table<?> t : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            if (!has(t.getName())) {
                continue;
            }
            for (Field<?> f : t.fields()) {
                String c = t.getName() + "." + f.getName();
                if (!columns.contains(c)) {
                    missing.add(c);
                }
            }
        }
        return missing;
    }
}
