package org.kojinext.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds a profile as Koji's read_config does, later files winning: {@code /etc/koji.conf.d/*.conf},
 * {@code /etc/koji.conf}, then {@code ~/.koji/config.d/*.conf} and {@code ~/.koji/config} (or the
 * one file given with {@code -c}), and last Koji Next's own {@code ~/.config/kojinext/config.d/*.conf}
 * and {@code ~/.config/kojinext/config}. An existing Koji configuration therefore works as it is.
 */
public final class ProfileLoader {
    /** The profile used when none is named: {@code kojinext} if configured, else Koji's {@code koji}. */
    public static final String OWN_PROFILE = "kojinext";
    public static final String KOJI_PROFILE = "koji";

    private final Path etc;
    private final Path home;

    /** {@code etc} stands for {@code /etc} and {@code home} for {@code ~}, so tests can point elsewhere. */
    public ProfileLoader(Path etc, Path home) {
        this.etc = etc;
        this.home = home;
    }

    /**
     * The named profile, or the default one when {@code name} is null. A named profile that no file
     * defines is Koji's error; an unnamed one falls back to the defaults (a local hub).
     */
    public Profile load(String name, Path userConfig) {
        IniFile ini = new IniFile();
        for (Path f : files(userConfig)) {
            try {
                ini.read(f);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + f + ": " + e.getMessage());
            }
        }
        String chosen = name;
        if (chosen == null) {
            chosen = ini.hasSection(OWN_PROFILE) ? OWN_PROFILE : KOJI_PROFILE;
            if (!ini.hasSection(chosen)) {
                return Profile.of(chosen, java.util.Map.of());
            }
        } else if (!ini.hasSection(chosen)) {
            throw new ConfigException("no configuration for profile name: " + chosen);
        }
        return Profile.of(chosen, ini.section(chosen));
    }

    List<Path> files(Path userConfig) {
        List<Path> out = new ArrayList<>();
        addDir(out, etc.resolve("koji.conf.d"));
        addFile(out, etc.resolve("koji.conf"));
        if (userConfig != null) {
            Path f = expand(userConfig);
            if (!Files.isRegularFile(f)) {
                throw new ConfigException("Configuration file " + userConfig + " doesn't exist");
            }
            out.add(f);
        } else {
            addDir(out, home.resolve(".koji/config.d"));
            addFile(out, home.resolve(".koji/config"));
        }
        addDir(out, home.resolve(".config/kojinext/config.d"));
        addFile(out, home.resolve(".config/kojinext/config"));
        return out;
    }

    private Path expand(Path p) {
        String s = p.toString();
        return s.equals("~") || s.startsWith("~/") ? home.resolve(s.substring(Math.min(2, s.length()))) : p;
    }

    private static void addFile(List<Path> out, Path f) {
        if (Files.isRegularFile(f)) {
            out.add(f);
        }
    }

    private static void addDir(List<Path> out, Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".conf") && Files.isRegularFile(p))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            throw new ConfigException("cannot list " + dir + ": " + e.getMessage());
        }
    }
}
