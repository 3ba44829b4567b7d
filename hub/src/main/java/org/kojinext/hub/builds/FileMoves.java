package org.kojinext.hub.builds;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kojinext.hub.storage.FsVolume;
import org.kojinext.hub.storage.Volume;
import org.kojinext.protocol.KojiFault;

/**
 * The renames (and the few new files) of one import, undoable. An import moves files into
 * packages/ while its rows are still uncommitted; if anything fails the caller undoes the moves in
 * reverse and deletes what it wrote, so the uploads are back where the builder left them (ready
 * for a retry or failBuild) and packages/ holds nothing the database does not. Renames within a volume are atomic, so there is no half-moved file.
 */
final class FileMoves {
    private final Volume volume;
    private final Deque<String[]> done = new ArrayDeque<>();
    private final Set<String> targets = new HashSet<>();

    FileMoves(Volume volume) {
        this.volume = volume;
    }

    /**
     * Checks that {@code from} is a regular file and {@code to} is free, then moves it. {@code what}
     * starts Koji's messages ("Error importing build log").
     */
    void move(String from, String to, String shownFrom, String what) {
        try {
            Optional<Volume.Stat> src = volume.stat(from);
            if (src.isEmpty()) {
                throw KojiFault.generic("No such file: " + shownFrom);
            }
            if (!src.get().regularFile()) {
                throw KojiFault.generic(what + ", " + shownFrom + " is not a regular file");
            }
            if (!targets.add(to) || volume.exists(to)) {
                throw KojiFault.generic(what + ", " + to + " already exists");
            }
            volume.move(from, to);
        } catch (FsVolume.SymlinkException e) {
            throw KojiFault.generic(what + ", symbolic link in path: " + shownFrom);
        } catch (IOException e) {
            throw KojiFault.generic(what + ", cannot move " + shownFrom + ": " + e.getMessage());
        }
        done.push(new String[] {from, to});
    }

    /**
     * Writes a new file the import makes itself (a cached signature header); undo deletes it.
     * {@code what} starts Koji's messages, as for {@link #move}.
     */
    void write(String to, byte[] content, String what) {
        try {
            if (!targets.add(to) || volume.exists(to)) {
                throw KojiFault.generic(what + ", " + to + " already exists");
            }
            done.push(new String[] {null, to});
            try (Volume.Writer w = volume.openWriter(to)) {
                w.write(0, content, 0, content.length);
            }
        } catch (IOException e) {
            throw KojiFault.generic(what + ", cannot write " + to + ": " + e.getMessage());
        }
    }

    /** Moves every file back and deletes the written ones, newest first; failures are attached to {@code cause}. */
    void undo(Throwable cause) {
        while (!done.isEmpty()) {
            String[] m = done.pop();
            try {
                if (m[0] == null) {
                    volume.delete(m[1]);
                    continue;
                }
                volume.move(m[1], m[0]);
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Those of the directories that do not exist yet, so that a failed import removes only what it made. */
    List<String> missing(List<String> dirs) {
        List<String> out = new ArrayList<>();
        for (String d : dirs) {
            try {
                if (!volume.exists(d)) {
                    out.add(d);
                }
            } catch (IOException e) {
                // Unknown is treated as existing: never remove what may not be ours.
            }
        }
        return out;
    }

    /**
     * Deletes a directory the moves created when, after {@link #undo}, no file is left in it. A
     * build's own directory is locked by the caller, so nothing else fills it meanwhile; for the
     * shared packages/N and packages/N/V, another import racing this one at worst fails its move
     * and undoes itself.
     */
    void removeIfEmpty(String dir, Throwable cause) {
        try {
            if (volume.exists(dir) && !holdsFile(dir)) {
                volume.delete(dir);
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private boolean holdsFile(String dir) throws IOException {
        for (String name : volume.list(dir)) {
            String p = dir + "/" + name;
            Optional<Volume.Stat> st = volume.stat(p);
            if (st.isEmpty() || !st.get().directory() || holdsFile(p)) {
                return true;
            }
        }
        return false;
    }
}
