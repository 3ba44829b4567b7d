package org.kojinext.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kojinext.builder.Builder;
import org.kojinext.hub.scheduler.LocalBuilder;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The build pipeline's latencies on this machine, with a hub and the local builder in this
 * process: submission to builder start (the build task's create_time to start_time, and its
 * buildArch's), and a tag change to a READY repo of the build tag that inherits it, against
 * createrepo_c's own time on the same package list.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Submission to builder start, and tag change to repo ready, with a local builder.")
final class BuildCommand implements Callable<Integer> {
    @Option(names = "--builds", defaultValue = "10", description = "builds to submit, one after another (default: ${DEFAULT-VALUE})")
    int builds;

    @Option(names = "--tag-changes", defaultValue = "10", description = "tag changes to time (default: ${DEFAULT-VALUE})")
    int tagChanges;

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL for the hub (default: embedded)")
    String dbUrl;

    private static final String SPEC = """
            Name: %1$s
            Version: 1.0
            Release: 1
            Summary: bench package
            License: MIT
            %%global debug_package %%{nil}
            %%description
            A package of the build benchmark.
            %%package data
            Summary: data
            BuildArch: noarch
            %%description data
            Data.
            %%install
            mkdir -p %%{buildroot}/usr/lib/%1$s %%{buildroot}/usr/share/%1$s
            echo main > %%{buildroot}/usr/lib/%1$s/main
            echo data > %%{buildroot}/usr/share/%1$s/data
            %%files
            /usr/lib/%1$s/main
            %%files data
            /usr/share/%1$s/data
            """;

    @Override
    public Integer call() throws Exception {
        try (BenchTarget target = BenchTarget.inProcess(dbUrl, "bench-admin")) {
            URI url = target.url();
            Path data = target.dataDir();
            String password = LocalBuilder.ensureHost(target.hub().database(), data, "bench-builder");
            Builder builder = LocalBuilder.start(url, "bench-builder", password,
                    LocalBuilder.settings(url, target.topdir(), data));
            try {
                KojiClient admin = KojiClient.builder(url).encoding(Encoding.XML).timeout(Duration.ofMinutes(5)).build();
                admin.login("kojiadmin", "bench-admin");
                setUp(admin);
                System.out.println("hub and builder in this process (" + target.description() + ")");
                submissions(admin, data);
                tagChanges(admin, target.topdir());
            } finally {
                builder.kill();
            }
        }
        return 0;
    }

    private void setUp(KojiClient admin) {
        admin.call("createTag", "bb-dest");
        admin.callKw("createTag", List.of("bb-build"), Map.of("arches", LocalBuilder.machineArch()));
        Map<String, Object> link = new HashMap<>();
        link.put("parent_id", ((Map<?, ?>) admin.call("getTag", "bb-dest")).get("id"));
        link.put("priority", 0);
        link.put("maxdepth", null);
        link.put("intransitive", false);
        link.put("noconfig", false);
        link.put("pkg_filter", "");
        admin.call("setInheritanceData", "bb-build", List.of(link));
        admin.call("createBuildTarget", "bb", "bb-build", "bb-dest");
        admin.call("createTag", "bb-side");
    }

    /** Each build submitted when the last finished, so a builder is free: the dispatch path alone. */
    private void submissions(KojiClient admin, Path data) throws Exception {
        Latencies start = new Latencies();
        Latencies archStart = new Latencies();
        Latencies total = new Latencies();
        for (int i = 0; i < builds; i++) {
            String name = "bench-pkg-" + i;
            admin.call("packageListAdd", "bb-dest", name, "kojiadmin");
            String src = gitRepo(data.resolve("bench-git").resolve(name), name);
            int task = (Integer) admin.call("build", src, "bb");
            Map<?, ?> info = waitDone(admin, task);
            if (!Integer.valueOf(2).equals(info.get("state"))) {
                throw new IllegalStateException("build task " + task + " did not close: " + failure(admin, task));
            }
            start.add(between(info.get("create_ts"), info.get("start_ts")));
            total.add(between(info.get("create_ts"), info.get("completion_ts")));
            for (Object c : (List<?>) admin.call("getTaskChildren", task)) {
                Map<?, ?> child = (Map<?, ?>) c;
                if ("buildArch".equals(child.get("method"))) {
                    archStart.add(between(child.get("create_ts"), child.get("start_ts")));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d builds, one at a time (the first also waits for the build tag's first repo)%n",
                builds);
        System.out.printf(Locale.ROOT, "  submission to builder start (build task): %s%n", pct(start));
        System.out.printf(Locale.ROOT, "  buildArch subtask made to started:          %s%n", pct(archStart));
        System.out.printf(Locale.ROOT, "  whole build (srpm, rpms, import, tag):      %s%n", pct(total));
    }

    /**
     * Moves a build in and out of the inherited tag and times each change to the READY repo of
     * the build tag that reflects it; createrepo_c is then rerun on that repo's own package list
     * to tell its time from the system's.
     */
    @SuppressWarnings("unchecked")
    private void tagChanges(KojiClient admin, Path topdir) throws Exception {
        Latencies ready = new Latencies();
        Latencies createrepo = new Latencies();
        Latencies overhead = new Latencies();
        String nvr = "bench-pkg-0-1.0-1";
        waitRepo(admin);
        for (int i = 0; i < tagChanges; i++) {
            long t0 = System.nanoTime();
            if (i % 2 == 0) {
                admin.callKw("untagBuildBypass", List.of("bb-dest", nvr), Map.of());
            } else {
                admin.call("tagBuildBypass", "bb-dest", nvr);
            }
            Map<String, Object> repo = waitRepo(admin);
            long t = System.nanoTime() - t0;
            long c = createrepoTime(topdir.resolve("repos/bb-build/" + repo.get("id")));
            ready.add(t);
            createrepo.add(c);
            overhead.add(t - c);
        }
        System.out.printf(Locale.ROOT, "%d tag changes (%s in and out of bb-dest, inherited by build tag bb-build)%n",
                tagChanges, nvr);
        System.out.printf(Locale.ROOT, "  tag change to repo READY:        %s%n", pct(ready));
        System.out.printf(Locale.ROOT, "  createrepo_c alone, same input:  %s%n", pct(createrepo));
        System.out.printf(Locale.ROOT, "  the difference (target < 2 s):   %s%n", pct(overhead));
    }

    /** A READY repo of bb-build as of its last change: repo.request, then held repo.waitRequest. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> waitRepo(KojiClient admin) {
        Map<String, Object> answer = (Map<String, Object>) admin.callKw("repo.request", List.of("bb-build"),
                Map.of("min_event", "last"));
        while (!(answer.get("repo") instanceof Map)) {
            Map<String, Object> req = (Map<String, Object>) answer.get("request");
            if (!Boolean.TRUE.equals(req.get("active"))) {
                throw new IllegalStateException("repo request " + req.get("id") + " ended without a repo");
            }
            answer = (Map<String, Object>) admin.call("repo.waitRequest", req.get("id"), 60);
        }
        return (Map<String, Object>) answer.get("repo");
    }

    /** createrepo_c as the createrepo task runs it, on the repo's own arch directory. */
    private static long createrepoTime(Path repoDir) throws IOException, InterruptedException {
        Path arch = repoDir.resolve(LocalBuilder.machineArch());
        Path out = Files.createTempDirectory("bench-createrepo");
        List<String> cmd = new ArrayList<>(List.of("createrepo_c", "--error-exit-val", "-vd", "-o", out.toString()));
        Path pkglist = arch.resolve("pkglist");
        boolean empty = !Files.exists(pkglist) || Files.size(pkglist) == 0;
        if (!empty) {
            cmd.addAll(List.of("-i", pkglist.toString()));
        }
        Path comps = repoDir.resolve("groups/comps.xml");
        if (Files.isRegularFile(comps)) {
            cmd.addAll(List.of("-g", comps.toString()));
        }
        cmd.add(empty ? out.toString() : arch.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("createrepo_c failed: " + cmd);
        }
        long t = System.nanoTime() - t0;
        try (var walk = Files.walk(out)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return t;
    }

    private static Map<?, ?> waitDone(KojiClient admin, int task) throws InterruptedException {
        // The held host calls are for hosts; a client checks the task once per 100 ms here, which
        // does not enter the figures (they come from the task's own timestamps).
        while (true) {
            Map<?, ?> info = (Map<?, ?>) admin.call("getTaskInfo", task);
            int state = (Integer) info.get("state");
            if (state == 2 || state == 3 || state == 5) {
                return info;
            }
            Thread.sleep(100);
        }
    }

    private static String failure(KojiClient admin, int task) {
        try {
            admin.call("getTaskResult", task);
            return "no fault";
        } catch (KojiFault f) {
            return f.getMessage();
        }
    }

    /** Between two of the hub's *_ts values (seconds, the database's clock). */
    private static long between(Object from, Object to) {
        return (long) ((((Number) to).doubleValue() - ((Number) from).doubleValue()) * 1e9);
    }

    private static String pct(Latencies l) {
        Latencies.Summary s = Latencies.summarize(List.of(l));
        return "p50 " + ms(s.p50Ms()) + ", p99 " + ms(s.p99Ms()) + " (" + s.count() + ")";
    }

    private static String ms(double ms) {
        return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1e3) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String gitRepo(Path repo, String name) throws IOException, InterruptedException {
        Files.createDirectories(repo);
        Files.writeString(repo.resolve(name + ".spec"), SPEC.formatted(name));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "spec");
        return "git+file://" + repo.toAbsolutePath() + "#" + git(repo, "rev-parse", "HEAD").strip();
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out.strip());
        }
        return out;
    }
}
