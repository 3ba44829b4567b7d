package org.kojinext.cli.commands.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.States;
import org.kojinext.cli.builds.Nvr;
import org.kojinext.cli.builds.RpmFile;
import org.kojinext.cli.io.Progress;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.Uploader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's import: rpms built elsewhere become builds. Files are grouped by the build their srpm
 * names; an srpm (or --create-build) makes the build, then each rpm is uploaded and imported.
 */
@Command(name = "import", description = "[admin] Import externally built RPMs into the database")
public final class ImportCommand extends CliCommand {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--link", description = "Attempt to hardlink instead of uploading")
    boolean link;
    @Option(names = "--test", description = "Don't actually import")
    boolean test;
    @Option(names = "--create-build", description = "Auto-create builds as needed")
    boolean createBuild;
    @Option(names = "--src-epoch", description = "When auto-creating builds, use this epoch")
    String srcEpoch;
    @Parameters(arity = "0..*", paramLabel = "<package>")
    List<String> paths = List.of();

    private record Rpm(String path, Map<String, Object> data) {
    }

    @Override
    protected int run() throws IOException {
        if (paths.isEmpty()) {
            throw new CliFailure("At least one package must be specified", 2);
        }
        Integer epoch = null;
        if (srcEpoch != null && !List.of("None", "none", "(none)").contains(srcEpoch)) {
            try {
                epoch = Integer.parseInt(srcEpoch);
            } catch (NumberFormatException e) {
                throw new CliFailure("Invalid value for epoch: " + srcEpoch, 2);
            }
        }
        HubLink hub = login();
        TreeMap<String, List<Rpm>> byBuild = new TreeMap<>();
        for (String path : paths) {
            Map<String, Object> data;
            try {
                data = RpmFile.fields(Path.of(path));
            } catch (IOException e) {
                throw new CliFailure("Error reading " + path + ": " + e.getMessage());
            }
            String nvr;
            if (Py.truthy(data.get("sourcepackage"))) {
                data.put("arch", "src");
                nvr = data.get("name") + "-" + data.get("version") + "-" + data.get("release");
            } else {
                nvr = Nvr.label(Nvr.parseNvra(String.valueOf(data.get("sourcerpm"))));
            }
            byBuild.computeIfAbsent(nvr, k -> new ArrayList<>()).add(new Rpm(path, data));
        }
        boolean missing = false;
        for (Map.Entry<String, List<Rpm>> e : byBuild.entrySet()) {
            e.getValue().sort(java.util.Comparator.comparing(Rpm::path));
            boolean hasSrpm = e.getValue().stream().anyMatch(r -> Py.truthy(r.data().get("sourcepackage")));
            if (!hasSrpm && hub.call("getBuild", e.getKey()) == null) {
                out().println("Missing build or srpm: " + e.getKey());
                missing = true;
            }
        }
        if (missing && !createBuild) {
            out().println("Aborting import");
            return 0;
        }
        for (Map.Entry<String, List<Rpm>> e : byBuild.entrySet()) {
            String nvr = e.getKey();
            boolean needBuild = true;
            Map<String, Object> binfo = (Map<String, Object>) hub.call("getBuild", nvr);
            String state = null;
            if (binfo != null) {
                state = States.name(States.BUILD, binfo.get("state"));
                if (state.equals("COMPLETE")) {
                    needBuild = false;
                } else if (state.equals("FAILED") || state.equals("CANCELED")) {
                    if (!createBuild) {
                        out().println("Build " + nvr + " state is " + state + ". Skipping import");
                        continue;
                    }
                } else {
                    out().println("Build " + nvr + " exists with state=" + state + ". Skipping import");
                    continue;
                }
            }
            for (Rpm r : e.getValue()) {
                if (!Py.truthy(r.data().get("sourcepackage"))) {
                    continue;
                }
                if (binfo != null && !"COMPLETE".equals(state)) {
                    out().println("Creating empty build: " + nvr);
                    hub.call("createEmptyBuild", binfo.get("name"), binfo.get("version"), binfo.get("release"),
                            r.data().get("epoch"));
                    binfo = (Map<String, Object>) hub.call("getBuild", nvr);
                }
                importOne(hub, r);
                needBuild = false;
            }
            if (needBuild) {
                if (!createBuild) {
                    out().println(binfo != null ? "Build " + nvr + " state is " + state + ". Skipping import"
                            : "No such build: " + nvr + " (include matching srpm or use --create-build option to add it)");
                    continue;
                }
                Map<String, Object> b = Nvr.parseNvr(nvr);
                Object buildEpoch = epoch != null ? epoch : e.getValue().get(0).data().get("epoch");
                if (test) {
                    out().println("Test mode -- would have created empty build: " + nvr);
                } else {
                    out().println("Creating empty build: " + nvr);
                    hub.call("createEmptyBuild", b.get("name"), b.get("version"), b.get("release"), buildEpoch);
                }
            }
            for (Rpm r : e.getValue()) {
                if (!Py.truthy(r.data().get("sourcepackage"))) {
                    importOne(hub, r);
                }
            }
        }
        return 0;
    }

    private void importOne(HubLink hub, Rpm r) throws IOException {
        Map<String, Object> d = r.data();
        Map<String, Object> key = new LinkedHashMap<>();
        for (String k : List.of("name", "version", "release", "arch")) {
            key.put(k, d.get(k));
        }
        Object prev = hub.call("getRPM", key);
        if (prev != null && !Py.truthy(Py.map(prev).get("external_repo_id"))) {
            Object hash = Py.map(prev).get("payloadhash");
            if (String.valueOf(hash).equals(d.get("sigmd5"))) {
                out().println("RPM already imported: " + r.path());
            } else {
                err().println("md5sum mismatch for " + r.path());
                err().println("  A different rpm with the same name has already been imported");
                err().println("  Existing sigmd5 is '" + hash + "', your import has '" + d.get("sigmd5") + "'");
            }
            out().println("Skipping import");
            return;
        }
        if (test) {
            out().println("Test mode -- skipping import for " + r.path());
            return;
        }
        String serverdir = uniquePath("cli-import");
        Path file = Path.of(r.path());
        String name = file.getFileName().toString();
        if (link) {
            Path dir = Path.of(hub.profile().topdir(), "work", serverdir);
            Files.createDirectories(dir);
            out().println("Linking rpm to: " + dir.resolve(name));
            Files.createLink(dir.resolve(name), file);
        } else {
            out().print("uploading " + r.path() + "... ");
            out().flush();
            Progress progress = new Progress(out(), env().interactive() && !global().quiet());
            Uploader up = new Uploader(hub.client()).chunkSize(hub.profile().uploadBlocksize());
            if (progress.shown()) {
                out().println();
                up.progress(progress.upload());
            }
            up.upload(file, serverdir, name);
            progress.done();
            out().println("done");
            out().flush();
        }
        out().print("importing " + r.path() + "... ");
        out().flush();
        try {
            hub.call("importRPM", serverdir, name);
            out().println("done");
        } catch (KojiFault f) {
            List<String> lines = String.valueOf(f.getMessage()).lines().toList();
            out().println("\nError importing: " + (lines.isEmpty() ? "" : lines.getLast()));
        }
        out().flush();
    }

    /** Koji's unique_path: prefix/<time>.<8 random letters>, unlikely to collide. */
    static String uniquePath(String prefix) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append(letters.charAt(RANDOM.nextInt(letters.length())));
        }
        return prefix + "/" + System.currentTimeMillis() / 1000.0 + "." + s;
    }
}
