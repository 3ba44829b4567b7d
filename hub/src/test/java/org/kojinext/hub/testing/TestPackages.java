package org.kojinext.hub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The small packages the build and import tests make: specs, rpmbuild output, git repositories. */
public final class TestPackages {
    private TestPackages() {
    }

    /**
     * name-1.0-1: an arch package with a noarch -data subpackage. {@code install} is put first in
     * %install (e.g. "exit 3" for a failing build).
     */
    public static String archWithNoarchData(String name, String install) {
        return """
                Name: %1$s
                Version: 1.0
                Release: 1
                Summary: %1$s
                License: MIT
                %%global debug_package %%{nil}

                %%description
                An arch package with a noarch subpackage.

                %%package data
                Summary: data
                BuildArch: noarch

                %%description data
                Data.

                %%install
                %2$s
                mkdir -p %%{buildroot}/usr/lib/%1$s %%{buildroot}/usr/share/%1$s
                echo main > %%{buildroot}/usr/lib/%1$s/main
                echo data > %%{buildroot}/usr/share/%1$s/data

                %%files
                /usr/lib/%1$s/main

                %%files data
                /usr/share/%1$s/data
                """.formatted(name, install);
    }

    /** name-1.0-1, noarch only. */
    public static String noarch(String name) {
        return """
                Name: %1$s
                Version: 1.0
                Release: 1
                Summary: %1$s
                License: MIT
                BuildArch: noarch

                %%description
                Test package.

                %%install
                mkdir -p %%{buildroot}/usr/share/%1$s
                echo data > %%{buildroot}/usr/share/%1$s/data

                %%files
                /usr/share/%1$s/data
                """.formatted(name);
    }

    /** Runs rpmbuild -ba on the spec under dir; returns every rpm it made by file name. */
    public static Map<String, Path> rpmbuild(Path dir, String name, String spec) throws Exception {
        Path file = dir.resolve(name + ".spec");
        Files.writeString(file, spec);
        Path top = dir.resolve("rpmbuild-" + name);
        run("rpmbuild", "-ba", "--quiet", "--define", "_topdir " + top, "--define", "debug_package %{nil}",
                "--define", "_build_id_links none", file.toString());
        Map<String, Path> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(top)) {
            files.filter(p -> p.toString().endsWith(".rpm")).sorted().forEach(p -> out.put(p.getFileName().toString(), p));
        }
        return out;
    }

    /** A git repository under dir holding the spec, tagged v1; returns its git+file URL at v1. */
    public static String gitRepo(Path dir, String name, String spec) throws Exception {
        Path repo = dir.resolve("git-" + name);
        Files.createDirectories(repo);
        Files.writeString(repo.resolve(name + ".spec"), spec);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "spec");
        git(repo, "tag", "v1");
        return "git+file://" + repo + "#v1";
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }
}
