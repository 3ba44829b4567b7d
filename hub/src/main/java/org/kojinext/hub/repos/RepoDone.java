package org.kojinext.hub.repos;

import static org.kojinext.hub.db.jooq.Tables.REPO;
import static org.kojinext.hub.db.jooq.Tables.REPO_QUEUE;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.kojinext.hub.builds.TaskFiles;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.storage.KojiPaths;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Koji's host.repoDone: the repodata a createrepo task uploaded moves into the repository's
 * arch directories, the repository becomes READY, the requests it satisfies are marked so
 * (repo_done_hook), the tag's {@code latest} link moves to it when it is the newest repository
 * with default options, and the older such repositories of the tag expire.
 */
public final class RepoDone {
    private static final Logger log = LoggerFactory.getLogger(RepoDone.class);
    private final Path topdir;

    public RepoDone(Path topdir) {
        this.topdir = topdir;
    }

    private record Move(Path from, Path to) {
    }

    public void done(DSLContext db, int hostId, Object repoId, Object data, boolean expire, Object jsonUpdates) {
        Map<String, Object> rinfo = RepoQuery.info(db, repoId, true);
        int id = (Integer) rinfo.get("id");
        Integer taskId = (Integer) rinfo.get("task_id");
        if (taskId == null) {
            throw KojiFault.notAllowed("repo " + id + " has no task: no host may finish it");
        }
        TaskWriter.assertHost(db, taskId, hostId);
        if (!(data instanceof Map<?, ?> arches)) {
            throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(data) + ": expected dict");
        }
        if (!Objects.equals(rinfo.get("state"), RepoState.INIT)) {
            throw KojiFault.generic("Repo " + id + " not in INIT state (got " + rinfo.get("state") + ")");
        }
        Path repodir = topdir.resolve(KojiPaths.repo((String) rinfo.get("tag_name"), id));
        try {
            if (jsonUpdates instanceof Map<?, ?> updates && !updates.isEmpty()) {
                updateRepoJson(repodir.resolve("repo.json"), updates);
            }
            if (!Boolean.TRUE.equals(rinfo.get("dist"))) {
                List<Move> moves = moves(db, taskId, repodir, arches);
                for (Move m : moves) {
                    Files.createDirectories(m.to().getParent());
                    Files.move(m.from(), m.to());
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw KojiFault.generic("destination exists: " + e.getFile());
        } catch (IOException e) {
            throw KojiFault.generic("cannot finish repo " + id + ": " + e.getMessage());
        }
        if (expire) {
            setState(db, id, RepoState.EXPIRED);
            return;
        }
        setState(db, id, RepoState.READY);
        satisfyRequests(db, id);
        if (symlinkIfLatest(db, rinfo)) {
            expireOlder(db, rinfo);
        }
    }

    /** Every file checked before any moves: inside the task's (or a subtask's) upload directory, one name each. */
    private List<Move> moves(DSLContext db, int taskId, Path repodir, Map<?, ?> arches) {
        List<Move> moves = new ArrayList<>();
        for (Map.Entry<?, ?> e : arches.entrySet()) {
            String arch = RepoArches.canon(KojiPaths.part(String.valueOf(e.getKey())));
            if (!(e.getValue() instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof String upload)
                    || !(pair.get(1) instanceof List<?> files)) {
                throw KojiFault.parameter("repo data for " + arch + " must be [uploadpath, [files]]");
            }
            Path archdir = repodir.resolve(arch);
            if (!Files.isDirectory(archdir, LinkOption.NOFOLLOW_LINKS)) {
                throw KojiFault.generic("Repo arch directory missing: " + KojiPaths.part(arch));
            }
            for (Object f : files) {
                String name = KojiPaths.part(String.valueOf(f));
                Path src = topdir.resolve(TaskFiles.resolve(db, taskId, upload + "/" + name));
                if (!Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
                    throw KojiFault.generic("uploaded file missing: " + upload + "/" + name);
                }
                Path dst = name.endsWith("pkglist") ? archdir.resolve(name) : archdir.resolve("repodata").resolve(name);
                moves.add(new Move(src, dst));
            }
        }
        return moves;
    }

    @SuppressWarnings("unchecked")
    private static void updateRepoJson(Path file, Map<?, ?> updates) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) ExtraJson.decode(Files.readString(file),
                "Invalid repo.json"));
        updates.forEach((k, v) -> json.put(String.valueOf(k), v));
        Files.writeString(file, ExtraJson.encode(json) + "\n");
    }

    /** Koji's repo_set_state: states only move forward, DELETED is final, a repeat is a no-op. */
    static void setState(DSLContext db, int repoId, int state) {
        RepoState.name(state);
        Integer old = db.select(REPO.STATE).from(REPO).where(REPO.ID.eq(repoId)).forUpdate().fetchOne(REPO.STATE);
        if (old == null) {
            throw KojiFault.generic("query returned no rows");
        }
        if (old > state && state != RepoState.DELETED) {
            throw KojiFault.generic("Invalid repo state transition for repo " + repoId + ": " + RepoState.name(old)
                    + " -> " + RepoState.name(state));
        } else if (old == state) {
            log.warn("repo {} is already in state {}", repoId, RepoState.name(state));
            return;
        } else if (old == RepoState.DELETED) {
            throw KojiFault.generic("Repo " + repoId + " is deleted");
        }
        db.update(REPO).set(REPO.STATE, state).set(REPO.STATE_TIME, RepoRequests.now()).where(REPO.ID.eq(repoId))
                .execute();
    }

    /** Koji's repo_done_hook: the active requests this READY repository satisfies get it and end. */
    static void satisfyRequests(DSLContext db, int repoId) {
        Map<String, Object> repo = RepoQuery.byId(db, repoId);
        if (repo == null || Boolean.TRUE.equals(repo.get("dist"))) {
            return;
        }
        Map<String, Object> opts = RepoQuery.asMap(repo.get("opts"));
        Map<String, Object> custom = RepoQuery.asMap(repo.get("custom_opts"));
        if (opts == null || custom == null) {
            return;
        }
        int created = (Integer) repo.get("create_event");
        List<Integer> ids = new ArrayList<>();
        for (Map<String, Object> req : RepoRequests.list(db, List.of(REPO_QUEUE.TAG_ID.eq((Integer) repo.get("tag_id")),
                REPO_QUEUE.ACTIVE.isTrue(), REPO_QUEUE.REPO_ID.isNull()))) {
            Map<String, Object> want = RepoQuery.asMap(req.get("opts"));
            boolean event = req.get("at_event") != null ? req.get("at_event").equals(created)
                    : req.get("min_event") != null && (Integer) req.get("min_event") <= created;
            if (event && RepoOpts.contains(opts, want) && RepoOpts.contains(want, custom)) {
                ids.add((Integer) req.get("id"));
            }
        }
        if (!ids.isEmpty()) {
            db.update(REPO_QUEUE).set(REPO_QUEUE.REPO_ID, repoId).set(REPO_QUEUE.ACTIVE, false)
                    .set(REPO_QUEUE.UPDATE_TIME, RepoRequests.now()).where(REPO_QUEUE.ID.in(ids)).execute();
        }
    }

    /** Koji's valid_repo: whether a finished task's repository is what the request asked for. */
    static boolean satisfies(Map<String, Object> req, Map<String, Object> repo) {
        if (!Objects.equals(repo.get("tag_id"), req.get("tag_id")) || !Objects.equals(repo.get("state"), RepoState.READY)) {
            return false;
        }
        int created = (Integer) repo.get("create_event");
        if (req.get("at_event") != null ? !req.get("at_event").equals(created) : (Integer) req.get("min_event") > created) {
            return false;
        }
        Map<String, Object> want = RepoQuery.asMap(req.get("opts"));
        Map<String, Object> opts = RepoQuery.asMap(repo.get("opts"));
        Map<String, Object> custom = RepoQuery.asMap(repo.get("custom_opts"));
        return opts != null && !opts.isEmpty() && RepoOpts.contains(opts, want)
                && RepoOpts.contains(want, custom == null ? Map.of() : custom);
    }

    /** Koji's symlink_if_latest: repos/&lt;tag&gt;/latest names the newest READY repository with default options. */
    private boolean symlinkIfLatest(DSLContext db, Map<String, Object> repo) {
        Map<String, Object> custom = RepoQuery.asMap(repo.get("custom_opts"));
        boolean dist = Boolean.TRUE.equals(repo.get("dist"));
        if (!dist && custom != null && !custom.isEmpty()) {
            return false;
        }
        for (Map<String, Object> newer : RepoQuery.list(db, List.of(REPO.TAG_ID.eq((Integer) repo.get("tag_id")),
                REPO.STATE.eq(RepoState.READY), REPO.CREATE_EVENT.gt((Integer) repo.get("create_event")),
                dist ? REPO.DIST.isTrue() : REPO.DIST.isFalse()))) {
            Map<String, Object> c = RepoQuery.asMap(newer.get("custom_opts"));
            if (dist || c != null && c.isEmpty()) {
                return false;
            }
        }
        Path link = topdir.resolve(KojiPaths.repo((String) repo.get("tag_name"), (Integer) repo.get("id")))
                .resolveSibling("latest");
        try {
            RepoFiles.replaceSymlink(link, String.valueOf(repo.get("id")));
        } catch (IOException e) {
            // The link is a convenience; the repository is READY whether or not it points there.
            log.error("cannot point {} at repo {}: {}", link, repo.get("id"), e.getMessage());
            return false;
        }
        return true;
    }

    /**
     * Once a repository is the tag's latest, the older READY repositories of the tag with
     * default options are EXPIRED, as kojira expires repositories that are no longer current.
     * (kojira first waits repo_lifetime; Koji Next does not keep them that long.)
     */
    private static void expireOlder(DSLContext db, Map<String, Object> repo) {
        for (Map<String, Object> old : RepoQuery.list(db, List.of(REPO.TAG_ID.eq((Integer) repo.get("tag_id")),
                REPO.STATE.eq(RepoState.READY), REPO.DIST.isFalse(),
                REPO.CREATE_EVENT.lt((Integer) repo.get("create_event"))))) {
            Map<String, Object> c = RepoQuery.asMap(old.get("custom_opts"));
            if (c != null && c.isEmpty()) {
                setState(db, (Integer) old.get("id"), RepoState.EXPIRED);
            }
        }
    }
}
