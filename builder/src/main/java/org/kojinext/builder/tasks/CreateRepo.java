package org.kojinext.builder.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kojinext.builder.Commands;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's createrepo(repo_id, arch, oldrepo), weight 1.5: createrepo_c over the arch's pkglist in
 * the repository directory host.repoInit wrote (read through the hub's top directory, mounted on
 * the builder as kojid's topdir), with the repository's comps.xml, so the package locations are
 * the pkglist's paths, {@code toplink/packages/N/V/R/ARCH/file.rpm}. When the tag has external
 * repositories (getExternalRepoList at the repository's event) the result is merged with them by mergerepo_c, in
 * their merge mode, as kojid does. The repodata is uploaded to the task's directory; returns
 * [uploadpath, files] for host.repoDone.
 */
public final class CreateRepo implements TaskHandler {
    private static final Duration TIMEOUT = Duration.ofHours(2);
    private final Path topdir;
    private final Path workRoot;

    /**
     * @param topdir   the hub's storage top directory as mounted here (kojid's topdir)
     * @param workRoot where each task gets a directory of its own, removed when it ends
     */
    public CreateRepo(Path topdir, Path workRoot) {
        this.topdir = topdir;
        this.workRoot = workRoot;
    }

    @Override
    public double weight() {
        return 1.5;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(TaskContext task, List<Object> args) throws Exception {
        Path createrepo = tool("createrepo_c");
        if (args.size() < 2 || !(args.get(0) instanceof Integer repoId) || !(args.get(1) instanceof String arch)) {
            throw KojiFault.parameter("createrepo needs a repo id and an arch");
        }
        Map<String, Object> rinfo = (Map<String, Object>) task.session().callKw("repoInfo", List.of(repoId),
                Map.of("strict", true));
        if (!Integer.valueOf(0).equals(rinfo.get("state"))) {
            throw KojiFault.generic("Repo " + repoId + " not in INIT state (got " + rinfo.get("state") + ")");
        }
        Path toprepodir = topdir.resolve("repos").resolve(segment((String) rinfo.get("tag_name")))
                .resolve(String.valueOf(repoId));
        Path repodir = toprepodir.resolve(segment(arch));
        if (!Files.isDirectory(repodir, LinkOption.NOFOLLOW_LINKS)) {
            throw KojiFault.generic(Files.isDirectory(topdir.resolve("repos"))
                    ? "Repo directory missing: " + repodir : "No access to repos dir " + topdir.resolve("repos"));
        }
        Path groupdata = toprepodir.resolve("groups/comps.xml");
        try (TaskWork work = TaskWork.open(task, workRoot)) {
            Path outdir = work.resolve("repo");
            Path datadir = outdir.resolve("repodata");
            Files.createDirectories(outdir);
            Path pkglist = repodir.resolve("pkglist");
            boolean empty = !Files.exists(pkglist) || Files.size(pkglist) == 0;
            List<String> cmd = new ArrayList<>(List.of(createrepo.toString(), "--error-exit-val", "-vd", "-o",
                    outdir.toString()));
            if (!empty) {
                cmd.addAll(List.of("-i", pkglist.toString()));
            }
            if (Files.isRegularFile(groupdata)) {
                cmd.addAll(List.of("-g", groupdata.toString()));
            }
            cmd.add(empty ? outdir.toString() : repodir.toString());
            run(cmd, work, work.resolve("createrepo.log"), "failed to create repo");
            Map<String, Object> at = new java.util.LinkedHashMap<>();
            at.put("event", rinfo.get("create_event"));
            List<Map<String, Object>> external = (List<Map<String, Object>>) task.session().callKw(
                    "getExternalRepoList", List.of(rinfo.get("tag_id")), at);
            if (!external.isEmpty()) {
                merge(external, arch, repodir, groupdata, work, outdir, repoId);
            } else if (empty) {
                Files.writeString(datadir.resolve("EMPTY_REPO"),
                        "This repo is empty because its tag has no content for this arch\n");
            }
            List<Object> files = new ArrayList<>();
            try (var list = Files.list(datadir)) {
                for (Path f : list.sorted().toList()) {
                    work.upload(f);
                    files.add(f.getFileName().toString());
                }
            }
            return List.of(work.uploadDir(), files);
        }
    }

    /** kojid's merge_repos: the local repodata first, then each external repository for this arch. */
    private void merge(List<Map<String, Object>> external, String arch, Path repodir, Path groupdata, TaskWork work,
                       Path outdir, int repoId) throws Exception {
        Path mergerepo = tool("mergerepo_c");
        List<String> modes = external.stream().map(r -> String.valueOf(r.getOrDefault("merge_mode", "koji")))
                .distinct().toList();
        if (modes.size() > 1) {
            throw KojiFault.generic("Found multiple merge modes for external repos: " + modes);
        }
        String mode = modes.get(0);
        Path local = work.resolve("repo_" + repoId + "_premerge");
        Files.move(outdir, local);
        Files.createDirectories(outdir);
        List<String> cmd = new ArrayList<>(List.of(mergerepo.toString()));
        switch (mode) {
            case "simple" -> cmd.addAll(List.of("--koji", "--simple"));
            case "bare" -> cmd.addAll(List.of("--pkgorigins", "--all"));
            default -> cmd.add("--koji");
        }
        if (!mode.equals("bare")) {
            cmd.addAll(List.of("-b", repodir.resolve("blocklist").toString()));
        }
        cmd.addAll(List.of("-a", arch, "-o", outdir.toString(), "--arch-expand"));
        if (Files.isRegularFile(groupdata)) {
            cmd.addAll(List.of("-g", groupdata.toString()));
        }
        cmd.addAll(List.of("-r", "file://" + local + "/"));
        for (Map<String, Object> r : external) {
            Object arches = r.get("arches");
            if (arches instanceof String a && !a.isBlank() && !List.of(a.trim().split("\\s+")).contains(arch)) {
                continue;
            }
            cmd.addAll(List.of("-r", String.valueOf(r.get("url")).replace("$arch", arch)));
        }
        run(cmd, work, work.resolve("mergerepos.log"), "failed to merge repos");
    }

    private static void run(List<String> cmd, TaskWork work, Path log, String what)
            throws IOException, InterruptedException {
        Map<String, String> env = Map.of("PATH", Commands.SAFE_PATH, "TMPDIR", work.dir().toString(), "LANG", "C");
        int rc = Commands.run(cmd, work.dir(), env, log, TIMEOUT);
        work.upload(log);
        if (rc != 0) {
            String tail = Commands.tail(log, 1).replace('\n', ' ').strip();
            throw KojiFault.generic(what + ": " + cmd.get(0) + " exited with " + rc + (tail.isEmpty() ? "" : ": " + tail));
        }
    }

    private static Path tool(String name) {
        Optional<Path> p = Commands.find(name, Commands.SAFE_PATH);
        return p.orElseThrow(() -> KojiFault.generic(name + " is not installed on this builder (needed to make repos)"));
    }

    /** One path segment from the hub's answer; a tag name never names a path of its own. */
    private static String segment(String s) {
        if (s == null || s.isEmpty() || s.contains("/") || s.equals(".") || s.equals("..") || s.indexOf('\0') >= 0) {
            throw KojiFault.generic("Invalid path component: " + s);
        }
        return s;
    }

}
