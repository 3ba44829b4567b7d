package org.kojinext.hub.tools;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kojinext db adopt}: makes an existing Koji database a Koji Next one. Flyway records the
 * Koji schema as version 0, then our migrations run over it; they create only what is missing
 * (Koji Next's functions, triggers and tables) and never alter what Koji made.
 */
@Command(name = "adopt", mixinStandardHelpOptions = true,
        description = {"Make an existing Koji 1.35 database a Koji Next database.",
            "Records the Koji schema as the baseline (version 0) and applies Koji Next's migrations,",
            "which add only what is missing. Koji's tables and rows are left as they are."})
public final class AdoptCommand implements Callable<Integer> {
    static final String BASELINE_VERSION = "0";
    static final String BASELINE_DESCRIPTION = "Koji database adopted";

    @Mixin
    DbOptions db;

    @Option(names = "--dry-run", description = "check the database and list what would run, changing nothing")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DbOptions.Target target = db.configured();
        if (target == null) {
            return refuse("no database given: pass --db-url or set db.url (KOJINEXT_DB_URL)");
        }
        String url = target.url();

        KojiSchema schema;
        try (Connection conn = target.connect()) {
            schema = KojiSchema.read(conn);
        }
        if (schema.has(KojiSchema.FLYWAY_HISTORY)) {
            return refuse("already a Koji Next database; the hub migrates it on start");
        }
        List<String> markers = schema.missingMarkers();
        if (!markers.isEmpty()) {
            return refuse("not a Koji database: no " + String.join(", ", markers) + " table"
                    + (markers.size() == 1 ? "" : "s"));
        }
        List<String> columns = schema.missingColumns();
        if (!columns.isEmpty()) {
            return refuse("this Koji database predates Koji 1.35 (missing " + String.join(", ", columns)
                    + "); upgrade Koji to 1.35 first (its schema-upgrade scripts), then adopt it");
        }

        Flyway flyway = Flyway.configure()
                .dataSource(url, target.user(), target.password())
                .locations("classpath:db/migration")
                .baselineVersion(BASELINE_VERSION)
                .baselineDescription(BASELINE_DESCRIPTION)
                .load();
        if (dryRun) {
            out.println("Koji database at " + url + " can be adopted. Would record baseline version "
                    + BASELINE_VERSION + " (" + BASELINE_DESCRIPTION + ") and apply:");
            for (MigrationInfo m : flyway.info().pending()) {
                out.println("  V" + m.getVersion() + " " + m.getDescription());
            }
            out.println("Nothing changed (--dry-run).");
            out.flush();
            return 0;
        }
        flyway.baseline();
        out.println("Recorded the Koji schema as baseline version " + BASELINE_VERSION + ".");
        MigrateResult result = flyway.migrate();
        for (MigrateOutput m : result.migrations) {
            out.println("  applied V" + m.version + " " + m.description);
        }
        out.println("Adopted: " + result.migrationsExecuted + " migration" + (result.migrationsExecuted == 1 ? "" : "s")
                + " applied; schema version " + result.targetSchemaVersion + ". Start the hub on this database.");
        out.flush();
        return 0;
    }

    private int refuse(String why) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kojinext db adopt: " + why);
        err.flush();
        return 1;
    }
}
