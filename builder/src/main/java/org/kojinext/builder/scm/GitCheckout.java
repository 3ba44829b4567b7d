package org.kojinext.builder.scm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kojinext.builder.Commands;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Checks a git SCM URL out at its ref into a fresh directory and finds the spec file to build,
 * the checkout half of kojid's buildSRPMFromSCM. git runs with an argument list, '--' before
 * positional arguments, no terminal prompt and only the URL's own transport allowed, so neither
 * the URL nor the ref can become an option or pull in another protocol.
 */
public final class GitCheckout {
    /** A checked-out tree: where the spec file lives, the spec file, and the commit it is at. */
    public record Result(Path checkoutDir, Path sourceDir, Path specFile, String commit, String source) {
    }

    private final Duration timeout;

    public GitCheckout(Duration timeout) {
        this.timeout = timeout;
    }

    public GitCheckout() {
        this(Duration.ofMinutes(30));
    }

    /** Clones url into scmDir/&lt;checkout name&gt; (scmDir must not hold it yet), logging to log. */
    public Result checkout(ScmUrl url, Path scmDir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(scmDir);
        Path dest = scmDir.resolve(url.checkoutName());
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new KojiFault(FaultCode.BUILD, "checkout directory already exists: " + dest);
        }
        git(List.of("clone", "--no-checkout", "--quiet", "--", url.gitUrl(), dest.toString()), scmDir, url, log,
                "Error running git clone of " + url.gitUrl());
        String commit = resolve(url, dest, log);
        git(List.of("-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit, "--"), dest, url,
                log, "Error running git checkout of " + url.revision());
        Path sourceDir = sourceDir(dest, url);
        return new Result(dest, sourceDir, findSpec(sourceDir), commit, url.withRevision(commit));
    }

    /** The ref as a commit: tried as given, then as a branch of origin, as git checkout would. */
    private String resolve(ScmUrl url, Path repo, Path log) throws IOException, InterruptedException {
        for (String candidate : List.of(url.revision(), "origin/" + url.revision())) {
            Path out = Files.createTempFile(repo.getParent(), "rev-parse", ".out");
            try {
                int rc = Commands.run(List.of("git", "rev-parse", "--verify", "--quiet", "--end-of-options",
                        candidate + "^{commit}"), repo, env(url), out, timeout);
                String sha = Files.readString(out).trim();
                if (rc == 0 && sha.matches("[0-9a-f]{40,64}")) {
                    return sha;
                }
            } finally {
                Files.deleteIfExists(out);
            }
        }
        Commands.appendLine(log, "missing git ref " + url.revision());
        throw new KojiFault(FaultCode.BUILD, "missing git ref " + url.revision() + " in " + url.gitUrl());
    }

    /** The URL's subdir inside the checkout, refused if a symlink in the repository leads out of it. */
    private static Path sourceDir(Path checkout, ScmUrl url) throws IOException {
        Path dir = url.module().isEmpty() ? checkout : checkout.resolve(url.module());
        if (!Files.isDirectory(dir)) {
            throw new KojiFault(FaultCode.BUILD, "No directory " + url.module() + " in " + url.gitUrl() + " at "
                    + url.revision());
        }
        if (!dir.toRealPath().startsWith(checkout.toRealPath())) {
            throw new KojiFault(FaultCode.BUILD, "SCM subdir " + url.module() + " leads outside the checkout");
        }
        return dir;
    }

    /**
     * kojid's rule: the one *.spec in the source dir; with several, the one named after the
     * directory, else an error naming them.
     */
    static Path findSpec(Path sourceDir) throws IOException {
        List<Path> specs;
        try (Stream<Path> s = Files.list(sourceDir)) {
            specs = s.filter(p -> p.getFileName().toString().endsWith(".spec")).sorted().toList();
        }
        if (specs.isEmpty()) {
            throw new KojiFault(FaultCode.BUILD, "No spec file found in " + sourceDir.getFileName());
        }
        Path spec = specs.get(0);
        if (specs.size() > 1) {
            Path named = sourceDir.resolve(sourceDir.getFileName() + ".spec");
            if (!specs.contains(named)) {
                throw new KojiFault(FaultCode.BUILD, "Multiple spec files found but none is matching SCM checkout dir name: "
                        + specs.stream().map(p -> p.getFileName().toString()).toList());
            }
            spec = named;
        }
        if (!Files.isRegularFile(spec, LinkOption.NOFOLLOW_LINKS)) {
            throw new KojiFault(FaultCode.BUILD, "Spec file " + spec.getFileName() + " is not a regular file");
        }
        return spec;
    }

    private void git(List<String> args, Path dir, ScmUrl url, Path log, String failure)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(args);
        Commands.appendLine(log, "$ " + String.join(" ", cmd));
        int rc = Commands.run(cmd, dir, env(url), log, timeout);
        if (rc != 0) {
            throw new KojiFault(FaultCode.BUILD, failure + " (exit " + rc + "): " + Commands.tail(log, 3)
                    .replace('\n', ' '));
        }
    }

    private static Map<String, String> env(ScmUrl url) {
        return Map.of(
                "PATH", Commands.SAFE_PATH,
                // the daemon user's HOME, for its ssh keys and known_hosts
                "HOME", System.getProperty("user.home"),
                "LC_ALL", "C",
                "GIT_TERMINAL_PROMPT", "0",
                "GIT_ASKPASS", "/bin/false",
                "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_ALLOW_PROTOCOL", url.gitProtocol(),
                "GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    }
}
