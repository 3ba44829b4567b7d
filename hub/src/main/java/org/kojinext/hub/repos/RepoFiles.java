package org.kojinext.hub.repos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File chores of repository directories. */
final class RepoFiles {
    private RepoFiles() {
    }

    /** Deletes a directory tree without following symlinks (toplink points at the whole top directory). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Best effort: a leftover directory is refused, never reused, by the next repoInit.
        }
    }

    /** Points {@code link} at {@code target}, replacing what was there in one rename. */
    static void replaceSymlink(Path link, String target) throws IOException {
        Path tmp = link.resolveSibling("." + link.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(target));
        Files.move(tmp, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
