package org.kojinext.hub.tools.seed;

/**
 * How big a history to generate. The defaults are a distribution's: 25,000 packages, 500,000
 * builds, about 100,000 tagging events on a four-level release chain.
 *
 * @param taggingEvents events that tag or move a build (the first build of every package tagged
 *                      into the release, then candidates and their moves into updates)
 */
public record SeedPlan(int packages, int builds, int taggingEvents, int packagers, long randomSeed) {
    public static final SeedPlan DISTRIBUTION = new SeedPlan(25_000, 500_000, 100_000, 100, 42);

    public SeedPlan {
        if (packages < 10 || packagers < 1) {
            throw new IllegalArgumentException("at least 10 packages and 1 packager");
        }
        if (builds < packages) {
            throw new IllegalArgumentException("at least one build per package: --builds >= --packages");
        }
        if (taggingEvents < packages) {
            throw new IllegalArgumentException("every package's first build is tagged: --tag-events >= --packages");
        }
        if (taggingEvents - packages > 2 * (builds - packages)) {
            throw new IllegalArgumentException("too many tagging events for the builds beyond each package's first");
        }
    }

    /** Packages blocked in the updates tag; a tenth of them listed again, unblocked, in the build tag. */
    int blocked() {
        return Math.max(1, packages / 100);
    }

    /** Updates tagged into the candidate tag; most are later moved into updates. */
    int candidates() {
        int rest = taggingEvents - packages;
        return rest - moves();
    }

    int moves() {
        return (taggingEvents - packages) * 7 / 15;
    }
}
