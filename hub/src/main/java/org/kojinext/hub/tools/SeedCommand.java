package org.kojinext.hub.tools;

import java.util.concurrent.Callable;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.tools.seed.DistributionSeeder;
import org.kojinext.hub.tools.seed.SeedPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kojinext dev seed}: a distribution-sized history in an empty database, for benchmarks. */
@Command(name = "seed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fill an empty hub database with a distribution-sized history: packages with owners "
                + "and blocks, builds, and tagging events on the release chain "
                + "dist <- dist-updates <- dist-updates-candidate <- dist-build.",
            "All of it is written in one transaction: on any error nothing is kept."})
final class SeedCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--packages", defaultValue = "25000", description = "packages (default: ${DEFAULT-VALUE})")
    int packages;

    @Option(names = "--builds", defaultValue = "500000", description = "builds (default: ${DEFAULT-VALUE})")
    int builds;

    @Option(names = "--tag-events", defaultValue = "100000",
            description = "events that tag or move a build (default: ${DEFAULT-VALUE})")
    int tagEvents;

    @Option(names = "--packagers", defaultValue = "100", description = "package owners (default: ${DEFAULT-VALUE})")
    int packagers;

    @Option(names = "--random-seed", defaultValue = "42",
            description = "the same seed gives the same history (default: ${DEFAULT-VALUE})")
    long randomSeed;

    @Override
    public Integer call() throws Exception {
        SeedPlan plan;
        try {
            plan = new SeedPlan(packages, builds, tagEvents, packagers, randomSeed);
        } catch (IllegalArgumentException e) {
            System.err.println("kojinext dev seed: " + e.getMessage());
            return 2;
        }
        long start = System.nanoTime();
        try (DbOptions.Target target = db.open()) {
            // Opening migrates, so the seed always writes the current schema.
            Database.open(target.url(), target.user(), target.password(), 2).close();
            DistributionSeeder.Result r = DistributionSeeder.seed(target.url(), target.user(), target.password(),
                    plan, line -> System.err.println("kojinext dev seed: " + line));
            System.out.printf("seeded %,d packages, %,d builds and %,d tagging events (%,d events, %d..%d) in %.0f s%n",
                    r.packages(), r.builds(), r.taggingEvents(), r.events(), r.firstEvent(), r.lastEvent(),
                    (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}
