package org.kojinext.hub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.scheduler.Dispatch;
import org.kojinext.hub.scheduler.TaskWatch;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * What {@code ./kojinext up} shows on a fresh machine: a demo tag, build tag and target, the
 * bundled kojinext-hello package committed to a git repository in the data directory, and a
 * build of it followed live to a tagged build in a fresh repo. Each step is skipped when already
 * done, so a restart only prints where to look.
 */
public final class LocalDemo {
    static final String PACKAGE = "kojinext-hello";
    static final String NVR = "kojinext-hello-1.0-1";
    static final String TAG = "demo";
    static final String BUILD_TAG = "demo-build";
    static final String TARGET = "demo";
    private static final List<String> FILES = List.of("kojinext-hello.spec", "kojinext-hello.sh",
            "README.kojinext-hello");
    private static final List<String> STATES = List.of("free", "open", "closed", "canceled", "assigned", "failed");

    private final URI hub;
    private final String adminPassword;
    private final Path dataDir;
    private final Database database;
    private final Dispatch dispatch;
    private final PrintStream out;

    public LocalDemo(URI hub, String adminPassword, Path dataDir, Database database, Dispatch dispatch,
                     PrintStream out) {
        this.hub = hub;
        this.adminPassword = adminPassword;
        this.dataDir = dataDir;
        this.database = database;
        this.dispatch = dispatch;
        this.out = out;
    }

    /** Runs the demo; a failure is reported in one line and the hub keeps running. */
    public boolean run(String arch) {
        try {
            String url = gitRepo();
            KojiClient admin = KojiClient.builder(hub).encoding(Encoding.XML).timeout(Duration.ofMinutes(2)).build();
            admin.login("kojiadmin", adminPassword);
            setUp(admin, arch);
            Map<?, ?> build = (Map<?, ?>) admin.call("getBuild", NVR);
            if (build == null || !Integer.valueOf(1).equals(build.get("state"))) {
                out.println("demo: building " + url + " for target " + TARGET);
                int task = (Integer) admin.call("build", url, TARGET);
                if (!watch(admin, task)) {
                    out.println("demo: the build failed: " + failure(admin, task));
                    return false;
                }
            }
            Map<?, ?> repo = repo(admin);
            whereToLook(admin, repo);
            return true;
        } catch (KojiFault e) {
            out.println("demo: " + e.faultName() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            out.println("demo: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The bundled sources committed to DATA-DIR/demo/kojinext-hello; returns the git+file URL of the commit. */
    private String gitRepo() throws IOException, InterruptedException {
        Path repo = dataDir.resolve("demo").resolve(PACKAGE).toAbsolutePath();
        if (!Files.isDirectory(repo.resolve(".git"))) {
            Files.createDirectories(repo);
            for (String f : FILES) {
                try (InputStream in = LocalDemo.class.getResourceAsStream("/demo/" + PACKAGE + "/" + f)) {
                    Files.copy(in, repo.resolve(f));
                }
            }
            git(repo, "init", "-q", "-b", "main");
            git(repo, "add", ".");
            git(repo, "-c", "user.name=Koji Next", "-c", "user.email=kojinext@localhost", "commit", "-q", "-m",
                    "kojinext-hello 1.0");
        }
        String commit = git(repo, "rev-parse", "HEAD").strip();
        return "git+file://" + repo + "#" + commit;
    }

    private static void setUp(KojiClient admin, String arch) {
        if (admin.call("getTag", TAG) == null) {
            admin.call("createTag", TAG);
        }
        if (admin.call("getTag", BUILD_TAG) == null) {
            admin.callKw("createTag", List.of(BUILD_TAG), Map.of("arches", arch));
            Map<?, ?> dest = (Map<?, ?>) admin.call("getTag", TAG);
            Map<String, Object> link = new HashMap<>();
            link.put("parent_id", dest.get("id"));
            link.put("priority", 0);
            link.put("maxdepth", null);
            link.put("intransitive", false);
            link.put("noconfig", false);
            link.put("pkg_filter", "");
            admin.call("setInheritanceData", BUILD_TAG, List.of(link));
        }
        if (admin.call("getBuildTarget", TARGET) == null) {
            admin.call("createBuildTarget", TARGET, BUILD_TAG, TAG);
        }
        if (admin.call("getPackageConfig", TAG, PACKAGE) == null) {
            admin.call("packageListAdd", TAG, PACKAGE, "kojiadmin");
        }
    }

    /** Prints the task tree's changes as they happen, Koji's watch-task style; true if it closed. */
    private boolean watch(KojiClient admin, int root) throws InterruptedException {
        Map<Integer, String> labels = new LinkedHashMap<>();
        Map<Integer, Integer> shown = new HashMap<>();
        try (TaskWatch w = TaskWatch.open(database, dispatch, root)) {
            Duration limit = Duration.ofMinutes(30);
            long end = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < end) {
                Map<String, Object> change = w.next(Duration.ofSeconds(30));
                if (change == null) {
                    continue;
                }
                int id = (Integer) change.get("id");
                String label = labels.computeIfAbsent(id, i -> label(admin, i));
                int state = (Integer) change.get("state");
                // Other fields change too (waiting, priority); only state changes are news here.
                if (!Integer.valueOf(state).equals(shown.put(id, state))) {
                    out.printf(Locale.ROOT, "  %d %s: %s%n", id, label, STATES.get(state));
                }
                if (id == root && (state == 2 || state == 3 || state == 5)) {
                    return state == 2;
                }
            }
        }
        out.println("demo: gave up waiting for task " + root);
        return false;
    }

    private static String label(KojiClient admin, int id) {
        Map<?, ?> t = (Map<?, ?>) admin.call("getTaskInfo", id);
        return t.get("method") + " (" + t.get("arch") + ")";
    }

    private static String failure(KojiClient admin, int task) {
        try {
            admin.call("getTaskResult", task);
            return "task " + task + " ended without a fault";
        } catch (KojiFault f) {
            return f.faultName() + ": " + f.getMessage();
        }
    }

    /** A repo of the build tag made after the build was tagged (held calls; no polling). */
    private static Map<?, ?> repo(KojiClient admin) {
        Map<?, ?> answer = (Map<?, ?>) admin.callKw("repo.request", List.of(BUILD_TAG), Map.of("min_event", "last"));
        for (int i = 0; i < 30 && !(answer.get("repo") instanceof Map); i++) {
            Map<?, ?> req = (Map<?, ?>) answer.get("request");
            answer = (Map<?, ?>) admin.call("repo.waitRequest", req.get("id"), 60);
            if (!(answer.get("repo") instanceof Map) && !Boolean.TRUE.equals(((Map<?, ?>) answer.get("request")).get("active"))) {
                break;
            }
        }
        return answer.get("repo") instanceof Map<?, ?> r ? r : null;
    }

    private void whereToLook(KojiClient admin, Map<?, ?> repo) {
        String files = hub.resolve("/kojifiles").toString();
        Map<?, ?> build = (Map<?, ?>) admin.call("getBuild", NVR);
        out.println();
        out.println("demo: " + NVR + " is built (build " + build.get("id") + ", task " + build.get("task_id")
                + ") and tagged in " + TAG + ".");
        List<String> rpms = new ArrayList<>();
        for (Object o : (List<?>) admin.call("listRPMs", build.get("id"))) {
            Map<?, ?> r = (Map<?, ?>) o;
            rpms.add(files + "/packages/" + PACKAGE + "/1.0/1/" + r.get("arch") + "/" + r.get("name") + "-1.0-1."
                    + r.get("arch") + ".rpm");
        }
        out.println("  rpms:   " + String.join("\n          ", rpms));
        out.println("  logs:   " + files + "/packages/" + PACKAGE + "/1.0/1/data/logs/");
        if (repo != null) {
            out.println("  repo:   " + files + "/repos/" + BUILD_TAG + "/" + repo.get("id") + "/ (repodata per arch)");
        } else {
            out.println("  repo:   not ready yet; see repo.checkRequest");
        }
        out.println("  try:    ./kojinext -s " + hub + " buildinfo " + NVR);
        out.println("          ./kojinext -s " + hub + " list-tagged " + TAG);
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + output.strip());
        }
        return output;
    }
}
