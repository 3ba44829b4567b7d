package org.kojinext.builder.scm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Git repositories with a small package, made by tests with the real git. */
public final class TestRepos {
    public static final String SPEC = """
            %global debug_package %{nil}
            Name: hello-kn
            Version: 1.0
            Release: 1
            Summary: Koji Next test package
            License: MIT
            Source0: hello.sh

            %description
            A script and its data.

            %package data
            Summary: Data for hello-kn
            BuildArch: noarch

            %description data
            Data for hello-kn.

            %prep

            %build

            %install
            mkdir -p %{buildroot}/usr/bin %{buildroot}/usr/share/hello-kn
            install -m 0755 %{SOURCE0} %{buildroot}/usr/bin/hello-kn
            echo hi > %{buildroot}/usr/share/hello-kn/data.txt

            %files
            /usr/bin/hello-kn

            %files data
            /usr/share/hello-kn/data.txt
            """;

    private TestRepos() {
    }

    /** A repository at dir with the package in subdir "pkg", one commit on branch main, tagged v1. */
    public static Path packageRepo(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(dir.resolve("pkg/hello-kn.spec"), SPEC);
        Files.writeString(dir.resolve("pkg/hello.sh"), "#!/bin/sh\necho hello\n");
        git(dir, "init", "-q", "-b", "main");
        commitAll(dir, "hello-kn 1.0");
        git(dir, "tag", "v1");
        return dir;
    }

    public static void commitAll(Path dir, String message) throws IOException, InterruptedException {
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message);
    }

    public static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out.trim();
    }
}
