package org.kojinext.cli.commands.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Literals;
import org.kojinext.cli.io.Progress;
import org.kojinext.cli.watch.Watching;
import org.kojinext.protocol.Uploader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's build: a build task for a target from an SCM URL or a local SRPM (uploaded first, under
 * cli-build/&lt;time&gt;.&lt;random&gt;/), then watched unless --nowait or in the background.
 */
@Command(name = "build", description = "[build] Build a package from source")
public final class BuildCommand extends CliCommand {
    @Option(names = "--skip-tag", description = "Do not attempt to tag package")
    boolean skipTag;

    @Option(names = "--scratch", description = "Perform a scratch build")
    boolean scratch;

    @Option(names = "--rebuild-srpm", description = "Force rebuilding SRPM for scratch build only")
    boolean rebuildSrpm;

    @Option(names = "--no-rebuild-srpm", description = "Force not to rebuild srpm for scratch build only")
    boolean noRebuildSrpm;

    @Option(names = "--wait", description = "Wait on the build, even if running in the background")
    boolean wait;

    @Option(names = "--nowait", description = "Don't wait on build")
    boolean nowait;

    @Option(names = "--wait-repo", description = "Wait for a current repo for the build tag")
    boolean waitRepo;

    @Option(names = "--wait-build", paramLabel = "NVR", description = "Wait for the given nvr to appear in buildroot repo")
    List<String> waitBuilds = new java.util.ArrayList<>();

    @Option(names = "--quiet", description = "Do not print the task information")
    boolean quiet;

    @Option(names = "--arch-override", description = "Override build arches")
    String archOverride;

    @Option(names = "--fail-fast", description = "Override build_arch_can_fail settings and fail as fast as possible")
    boolean failFast;

    @Option(names = "--repo-id", description = "Use a specific repo")
    Integer repoId;

    @Option(names = "--noprogress", description = "Do not display progress of the upload")
    boolean noprogress;

    @Option(names = "--background", description = "Run the build at a lower priority")
    boolean background;

    @Option(names = "--custom-user-metadata", description = "Provide a JSON string of custom metadata to be "
            + "deserialized and stored under the build's extra.custom_user_metadata field")
    String customUserMetadata;

    @Option(names = "--draft", description = "Build draft build instead")
    boolean draft;

    @Parameters(arity = "0..*", paramLabel = "<target> <srpm path or scm url>")
    List<String> args = List.of();

    @Override
    protected int run() throws InterruptedException {
        if (args.size() != 2) {
            throw new CliFailure("Exactly two arguments (a build target and a SCM URL or srpm file) are required", 2);
        }
        if ((rebuildSrpm || noRebuildSrpm) && !scratch) {
            throw new CliFailure("--no-/rebuild-srpm is only allowed for --scratch builds", 2);
        }
        if (archOverride != null && !scratch) {
            throw new CliFailure("--arch_override is only allowed for --scratch builds", 2);
        }
        if (scratch && draft) {
            throw new CliFailure("--scratch and --draft cannot be both specfied", 2);
        }
        Map<?, ?> metadata = Map.of();
        if (customUserMetadata != null) {
            Object parsed;
            try {
                parsed = Literals.json(customUserMetadata);
            } catch (IllegalArgumentException e) {
                throw new CliFailure("--custom-user-metadata is not valid JSON", 2);
            }
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new CliFailure("--custom-user-metadata must be a JSON object", 2);
            }
            metadata = m;
        }
        boolean q = quiet || global().quiet();
        HubLink hub = login();
        String target = args.get(0);
        boolean skip = skipTag;
        if (target.equalsIgnoreCase("none") && repoId != null) {
            target = null;
            skip = true;
        } else {
            checkTarget(hub, target, scratch);
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        if (archOverride != null) {
            opts.put("arch_override", String.join(" ", TaskSelection.parseArches(archOverride)));
        }
        // Koji sends each of these options only when it was given (store_true leaves None).
        putIf(opts, "skip_tag", skip, true);
        putIf(opts, "scratch", scratch, true);
        if (repoId != null) {
            opts.put("repo_id", repoId);
        }
        putIf(opts, "fail_fast", failFast, true);
        putIf(opts, "wait_repo", waitRepo, true);
        opts.put("wait_builds", waitBuilds);
        if (rebuildSrpm || noRebuildSrpm) {
            opts.put("rebuild_srpm", rebuildSrpm);
        }
        putIf(opts, "draft", draft, true);
        opts.put("custom_user_metadata", metadata);
        String source = args.get(1);
        if (!source.contains("://")) {
            source = upload(hub, source, q);
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("priority", background ? 5 : null);
        List<Object> positional = new java.util.ArrayList<>();
        positional.add(source);
        positional.add(target);
        positional.add(opts);
        Object created = hub.callKw("build", positional, kw);
        int task = ((Number) created).intValue();
        if (!q) {
            out().println("Created task: " + task);
            out().println("Task info: " + hub.profile().weburl() + "/taskinfo?taskID=" + task);
        }
        return Watching.watchIfWanted(wait, nowait, hub, env(), List.of(task), q);
    }

    /** Koji's checks of the target: it exists, its destination tag too, unlocked unless scratch. */
    static void checkTarget(HubLink hub, String target, boolean scratch) {
        if (!(hub.call("getBuildTarget", target) instanceof Map<?, ?> t)) {
            throw new CliFailure("No such build target: " + target, 2);
        }
        if (!(hub.call("getTag", t.get("dest_tag")) instanceof Map<?, ?> dest)) {
            throw new CliFailure("No such destination tag: " + t.get("dest_tag_name"), 2);
        }
        if (Boolean.TRUE.equals(dest.get("locked")) && !scratch) {
            throw new CliFailure("Destination tag " + dest.get("name") + " is locked", 2);
        }
    }

    /** Uploads the SRPM under a fresh cli-build/ directory; returns its path there. */
    private String upload(HubLink hub, String file, boolean q) {
        Path path = Path.of(file);
        if (!q) {
            out().println("Uploading srpm: " + file);
        }
        if (!Files.isReadable(path)) {
            throw new CliFailure("Error: cannot read " + file);
        }
        String dir = uniquePath("cli-build");
        Uploader up = new Uploader(hub.client()).chunkSize(hub.profile().uploadBlocksize());
        // On standard error, so that standard output stays what Koji prints there.
        Progress progress = new Progress(err(), env().interactive() && !noprogress && !q);
        if (progress.shown()) {
            up.progress(progress.upload());
        }
        up.upload(path, dir, path.getFileName().toString());
        out().println();
        return dir + "/" + path.getFileName();
    }

    /** Koji's unique_path: prefix/&lt;time with fraction&gt;.&lt;eight letters&gt;. */
    static String uniquePath(String prefix) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder sb = new StringBuilder();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            sb.append(letters.charAt(r.nextInt(letters.length())));
        }
        double now = System.currentTimeMillis() / 1000.0 + r.nextInt(1000) / 1e6;
        return prefix + "/" + String.format(Locale.ROOT, "%.6f", now) + "." + sb;
    }

    private static void putIf(Map<String, Object> opts, String key, boolean given, Object value) {
        if (given) {
            opts.put(key, value);
        }
    }
}
