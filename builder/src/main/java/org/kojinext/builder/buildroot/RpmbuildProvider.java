package org.kojinext.builder.buildroot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.kojinext.builder.Commands;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Builds with the host's rpmbuild, for builders without mock: a fresh _topdir per task, output
 * captured in build.log, run inside bubblewrap when bwrap is present and usable (host /usr and
 * /etc read-only, only the topdir writable, no network), plain rpmbuild otherwise; build.log says
 * which.
 *
 * <p>NOT HERMETIC: unlike mock, nothing is installed from the build tag's repo. The build runs
 * against whatever packages the builder host has installed, so its BuildRequires are checked
 * against, and its output linked with, the host's libraries and toolchain. The result depends on
 * the host; use MockProvider where reproducible builds matter.
 */
public final class RpmbuildProvider implements BuildrootProvider {
    private static final int TAIL_LINES = 20;

    private final Duration timeout;
    private final String searchPath;
    private Path workDir;
    private Path topdir;
    private Path buildLog;
    private Bubblewrap sandbox;

    /** searchPath is where rpmbuild and bwrap are looked for (normally Commands.SAFE_PATH). */
    public RpmbuildProvider(Duration timeout, String searchPath) {
        this.timeout = timeout;
        this.searchPath = searchPath;
    }

    public RpmbuildProvider() {
        this(Duration.ofHours(24), Commands.SAFE_PATH);
    }

    @Override
    public String name() {
        return "rpmbuild";
    }

    /** Whether the last prepare found a usable bubblewrap. */
    public boolean isolated() {
        return sandbox != null;
    }

    @Override
    public void prepare(Path workDir) throws IOException, InterruptedException {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.topdir = this.workDir.resolve("rpmbuild");
        if (Files.exists(topdir)) {
            throw new KojiFault(FaultCode.BUILDROOT, "buildroot directory already exists: " + topdir);
        }
        for (String d : List.of("BUILD", "BUILDROOT", "RPMS", "SOURCES", "SPECS", "SRPMS", "tmp")) {
            Files.createDirectories(topdir.resolve(d));
        }
        buildLog = this.workDir.resolve("logs").resolve("build.log");
        if (Commands.find("rpmbuild", searchPath).isEmpty()) {
            throw new KojiFault(FaultCode.BUILDROOT, "rpmbuild is not installed (not found in " + searchPath + ")");
        }
        Optional<Bubblewrap> bwrap = Bubblewrap.find(searchPath);
        Path probeLog = this.workDir.resolve("logs").resolve("bwrap-probe.log");
        if (bwrap.isPresent() && bwrap.get().works(topdir, probeLog)) {
            sandbox = bwrap.get();
            Files.deleteIfExists(probeLog);
            Commands.appendLine(buildLog, "# buildroot: rpmbuild isolated with bubblewrap (host /usr and /etc "
                    + "read-only, no network); not hermetic: builds against the host's installed packages");
        } else {
            sandbox = null;
            Commands.appendLine(buildLog, "# buildroot: plain rpmbuild, NOT isolated ("
                    + (bwrap.isPresent() ? "bwrap present but unusable here, see bwrap-probe.log" : "bwrap not installed")
                    + "); not hermetic: builds against the host's installed packages");
        }
    }

    @Override
    public Output buildSrpm(Path specFile, Path sourceDir) throws IOException, InterruptedException {
        Path spec = specFile.toAbsolutePath().normalize();
        Path sources = sourceDir.toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(List.of("-bs", "--define", "_sourcedir " + sources,
                "--define", "_specdir " + spec.getParent()));
        args.add(spec.toString());
        List<Path> made = run("srpm", args, List.of(sources, spec.getParent()));
        List<Path> srpms = made.stream().filter(p -> p.toString().endsWith(".src.rpm")).toList();
        if (srpms.size() != 1) {
            throw new KojiFault(FaultCode.BUILD, "rpmbuild -bs made " + srpms.size() + " source rpms, expected one");
        }
        return new Output(srpms, List.of(), List.of(buildLog));
    }

    @Override
    public Output rebuild(Path srpm, String arch) throws IOException, InterruptedException {
        Arches.check(arch);
        Path src = srpm.toAbsolutePath().normalize();
        if (!Files.isRegularFile(src) || !src.getFileName().toString().endsWith(".src.rpm")) {
            throw new KojiFault(FaultCode.BUILD, "not a source rpm: " + srpm.getFileName());
        }
        // noarch is a valid rpmbuild target: it builds only what the spec marks noarch-able.
        List<Path> made = run(arch, List.of("--rebuild", "--target", arch, src.toString()), List.of(src.getParent()));
        List<Path> rpms = made.stream().filter(p -> p.toString().endsWith(".rpm") && !p.toString().endsWith(".src.rpm"))
                .toList();
        if (rpms.isEmpty()) {
            throw new KojiFault(FaultCode.BUILD, "rpmbuild --rebuild for " + arch + " made no rpms");
        }
        return new Output(List.of(), rpms, List.of(buildLog));
    }

    @Override
    public void cleanup() throws IOException {
        if (topdir == null) {
            return;
        }
        for (String d : List.of("BUILD", "BUILDROOT", "SOURCES", "SPECS", "tmp")) {
            deleteTree(topdir.resolve(d));
        }
    }

    /** Runs rpmbuild for one step and returns the packages it made (new files under RPMS/SRPMS). */
    private List<Path> run(String step, List<String> stepArgs, List<Path> readOnly)
            throws IOException, InterruptedException {
        if (topdir == null) {
            throw new IllegalStateException("prepare first");
        }
        Set<Path> before = packages();
        List<String> cmd = new ArrayList<>(List.of("rpmbuild",
                "--define", "_topdir " + topdir,
                "--define", "_tmppath " + topdir.resolve("tmp"),
                // Koji's flat layout: RPMS/name-version-release.arch.rpm
                "--define", "_rpmfilename %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm"));
        cmd.addAll(stepArgs);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", Commands.SAFE_PATH);
        env.put("HOME", topdir.toString());
        env.put("TMPDIR", topdir.resolve("tmp").toString());
        env.put("LC_ALL", "C.UTF-8");
        List<String> full = sandbox == null ? cmd : sandbox.wrap(cmd, List.of(topdir), readOnly, topdir, env);
        Commands.appendLine(buildLog, "# " + step + ": " + String.join(" ", cmd));
        int rc = Commands.run(full, topdir, env, buildLog, timeout);
        if (rc != 0) {
            throw new KojiFault(FaultCode.BUILD, "error building " + (step.equals("srpm") ? "srpm" : "package (arch "
                    + step + ")") + ", rpmbuild exit " + rc + "; end of build.log:\n" + Commands.tail(buildLog, TAIL_LINES));
        }
        List<Path> made = new ArrayList<>(packages());
        made.removeAll(before);
        made.sort(null);
        return made;
    }

    private Set<Path> packages() throws IOException {
        try (Stream<Path> r = Files.list(topdir.resolve("RPMS")); Stream<Path> s = Files.list(topdir.resolve("SRPMS"))) {
            return new HashSet<>(Stream.concat(r, s).filter(p -> p.toString().endsWith(".rpm")).toList());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
