package org.kojinext.cli.commands.builds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.cli.builds.Nvr;
import org.kojinext.cli.builds.PathInfo;
import org.kojinext.cli.builds.RpmFile;
import org.kojinext.cli.io.Download;
import org.kojinext.cli.io.Progress;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's download-build: a build's rpms (or archives of a type) from topurl into the working
 * directory, each checked against the hub's record: an rpm's size and payload MD5, an archive's
 * size and checksum. A file that does not match is deleted and the command fails.
 */
@Command(name = "download-build", description = "[download] Download a completed build")
public final class DownloadBuildCommand extends CliCommand {
    @Option(names = {"--arch", "-a"}, paramLabel = "ARCH", description = "Only download packages for this arch (may be used multiple times)")
    List<String> arches = new ArrayList<>();
    @Option(names = "--type", description = "Download archives of the given type, rather than rpms (maven, win, image, remote-sources)")
    String type;
    @Option(names = "--latestfrom", description = "Download the latest build from this tag")
    String latestfrom;
    @Option(names = "--debuginfo", description = "Also download -debuginfo rpms")
    boolean debuginfo;
    @Option(names = "--task-id", description = "Interperet id as a task id")
    boolean taskId;
    @Option(names = "--rpm", description = "Download the given rpm")
    boolean rpm;
    @Option(names = "--key", description = "Download rpms signed with the given key")
    String key;
    @Option(names = "--topurl", paramLabel = "URL", description = "URL under which Koji files are accessible")
    String topurl;
    @Option(names = "--noprogress", description = "Do not display progress meter")
    boolean noprogress;
    @Option(names = {"-q", "--quiet"}, description = "Suppress output")
    boolean quiet;
    @Parameters(arity = "0..*", paramLabel = "<n-v-r|build_id>")
    List<String> args = List.of();

    @Override
    protected int run() throws IOException {
        if (args.isEmpty()) {
            throw new CliFailure("Please specify a package N-V-R or build ID", 2);
        } else if (args.size() > 1) {
            throw new CliFailure("Only a single package N-V-R or build ID may be specified", 2);
        }
        boolean silent = quiet || global().quiet();
        Object build = args.get(0);
        if (Py.isDigits(args.get(0))) {
            if (latestfrom != null) {
                throw new CliFailure("--latestfrom not compatible with build IDs, specify a package name.", 2);
            }
            build = Integer.parseInt(args.get(0));
            if (taskId) {
                List<Map<String, Object>> builds = Py.maps(hub().callKw("listBuilds", List.of(), Map.of("taskID", build)));
                if (builds.isEmpty()) {
                    throw new CliFailure("No associated builds for task " + build
                            + "\nIf this is a scratch build, try using download-task instead");
                }
                build = builds.get(0).get("build_id");
            }
        }
        Map<String, Object> info;
        Map<String, Object> rpmInfo = null;
        if (latestfrom != null) {
            Map<String, Object> kw = new java.util.HashMap<>();
            kw.put("latest", true);
            kw.put("package", build);
            kw.put("type", type);
            List<Map<String, Object>> builds;
            try {
                builds = Py.maps(hub().callKw("listTagged", List.of(latestfrom), kw));
            } catch (KojiFault f) {
                throw new CliFailure("Error finding latest build: " + f.getMessage());
            }
            if (builds.isEmpty()) {
                throw new CliFailure(latestfrom + " has no builds of " + build);
            }
            info = builds.get(0);
        } else if (rpm) {
            Object r = hub().call("getRPM", build);
            if (r == null) {
                throw new CliFailure("No such rpm: " + build);
            }
            rpmInfo = Py.map(r);
            info = Py.map(hub().call("getBuild", rpmInfo.get("build_id")));
        } else {
            // an rpm's N-V-R.A without --rpm means the build it belongs to
            if (build instanceof String s && looksLikeNvra(s)) {
                Object r = hub().call("getRPM", s);
                if (r != null) {
                    build = Py.map(r).get("build_id");
                }
            }
            info = Py.map(hub().call("getBuild", build));
        }
        if (info == null) {
            throw new CliFailure("No such build: " + build);
        }
        String top = topurl != null ? topurl : hub().profile().topurl();
        if (top == null) {
            throw new CliFailure("You must specify --topurl to download files");
        }
        List<Map<String, Object>> archives = new ArrayList<>();
        List<Map<String, Object>> rpms = new ArrayList<>();
        if (type != null) {
            archives.addAll(Py.maps(hub().callKw("listArchives", List.of(), Map.of("buildID", info.get("id"), "type", type))));
            if (archives.isEmpty()) {
                throw new CliFailure("No " + type + " archives available for " + Nvr.label(info));
            }
        } else {
            List<Map<String, Object>> all;
            if (rpm) {
                all = List.of(rpmInfo);
            } else {
                Map<String, Object> kw = new java.util.HashMap<>();
                kw.put("buildID", info.get("id"));
                kw.put("arches", arches.isEmpty() ? null : arches);
                all = Py.maps(hub().callKw("listRPMs", List.of(), kw));
            }
            if (all.isEmpty()) {
                throw new CliFailure(arches.isEmpty() ? "No packages available for " + Nvr.label(info)
                        : "No " + String.join(" or ", arches) + " packages available for " + Nvr.label(info));
            }
            for (Map<String, Object> r : all) {
                if (debuginfo || !isDebuginfo(String.valueOf(r.get("name")))) {
                    rpms.add(r);
                }
            }
        }
        if (key != null) {
            List<RpcCall> calls = new ArrayList<>();
            for (Map<String, Object> r : rpms) {
                calls.add(new RpcCall("queryRPMSigs", List.of(), Map.of("rpm_id", r.get("id"), "sigkey", key)));
            }
            List<Object> answers = Multicalls.strict(hub(), calls);
            List<Map<String, Object>> signed = new ArrayList<>();
            for (int i = 0; i < rpms.size(); i++) {
                if (Py.truthy(answers.get(i))) {
                    signed.add(rpms.get(i));
                } else {
                    Map<String, Object> r = rpms.get(i);
                    err().println("No such sigkey " + key + " for rpm " + r.get("nvr") + "-" + r.get("arch") + ".rpm");
                }
            }
            rpms = signed;
        }
        Progress progress = new Progress(out(), env().interactive() && !noprogress && !silent);
        Download download = new Download(out(), env().cwd(), silent, progress);
        PathInfo pi = new PathInfo(top);
        int count = rpms.size() + archives.size();
        int number = 0;
        for (Map<String, Object> r : rpms) {
            number++;
            downloadRpm(download, pi, info, r, number, count);
        }
        for (Map<String, Object> a : archives) {
            number++;
            downloadArchive(download, pi, info, a, number, count);
        }
        return 0;
    }

    private void downloadRpm(Download download, PathInfo pi, Map<String, Object> build, Map<String, Object> r,
                             int num, int count) throws IOException {
        String fname = key != null ? PathInfo.signed(r, key) : PathInfo.rpm(r);
        String name = fname.substring(fname.lastIndexOf('/') + 1);
        Long expected = key != null ? null : ((Number) r.get("size")).longValue();
        download.fetch(pi.build(build) + "/" + fname, name, num, count, expected);
        Path file = download.path(name);
        // Only the unsigned copy's size is recorded.
        if (key == null && Files.size(file) != expected) {
            long got = Files.size(file);
            Files.delete(file);
            throw new CliFailure("Downloaded rpm " + name + " size " + got + " does not match db size " + expected
                    + ", deleting");
        }
        String hash;
        try {
            hash = RpmFile.payloadHash(file);
        } catch (IOException e) {
            Files.delete(file);
            err().println(e.getMessage());
            throw new CliFailure("Downloaded rpm " + name + " is not valid rpm file, deleting");
        }
        if (!hash.equals(r.get("payloadhash"))) {
            Files.delete(file);
            throw new CliFailure("Downloaded rpm " + name + " doesn't match db, deleting");
        }
    }

    private void downloadArchive(Download download, PathInfo pi, Map<String, Object> build, Map<String, Object> a,
                                 int num, int count) throws IOException {
        String btype = String.valueOf(a.get("btype"));
        String name = String.valueOf(a.get("filename"));
        long size = ((Number) a.get("size")).longValue();
        download.fetch(pi.typedir(build, btype) + "/" + name, name, num, count, size);
        Path file = download.path(name);
        if (Files.size(file) != size) {
            Files.delete(file);
            throw new CliFailure("Downloaded rpm " + name + " size does not match db size, deleting");
        }
        String algorithm = switch (Py.intOf(a.get("checksum_type"))) {
            case 0 -> "MD5";
            case 1 -> "SHA-1";
            case 2 -> "SHA-256";
            default -> throw new CliFailure("Unknown checksum type: " + a.get("checksum_type"));
        };
        if (!digest(file, algorithm).equals(a.get("checksum"))) {
            Files.delete(file);
            throw new CliFailure("Downloaded archive " + name + " doesn't match checksum, deleting");
        }
    }

    static String digest(Path file, String algorithm) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Koji's is_debuginfo: -debuginfo, -debugsource and names with -debuginfo- inside. */
    static boolean isDebuginfo(String name) {
        return name.endsWith("-debuginfo") || name.endsWith("-debugsource") || name.contains("-debuginfo-");
    }

    private static boolean looksLikeNvra(String s) {
        try {
            Nvr.parseNvra(s);
            return true;
        } catch (CliFailure e) {
            return false;
        }
    }
}
