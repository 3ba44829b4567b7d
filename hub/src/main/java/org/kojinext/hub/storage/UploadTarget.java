package org.kojinext.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiFault;

/**
 * Where an upload goes, checked as Koji's get_upload_path checks it: &lt;volume&gt;/work/&lt;reldir&gt;/&lt;name&gt;
 * with a plain file name and a directory that stays inside work/. When writing, a task directory
 * (tasks/&lt;id % 10000&gt;/&lt;id&gt;) belongs to the host holding that task open; any other directory
 * to the user who uploaded to it first, recorded in its .user file.
 *
 * @param dir the directory, relative to the volume
 * @param path the file, relative to the volume
 * @param display reldir/name as the client gave it, for messages
 */
record UploadTarget(Volume volume, String dir, String path, String display) {
    private static final String OWNER_FILE = ".user";

    static UploadTarget resolve(CallContext ctx, Volume volume, Object reldirArg, Object nameArg, boolean create) {
        if (!(nameArg instanceof String name) || name.isEmpty() || name.indexOf('/') >= 0 || name.startsWith(".")
                || name.indexOf('\0') >= 0) {
            throw KojiFault.generic("Invalid upload filename: " + shown(nameArg));
        }
        List<String> parts = reldirArg instanceof String s ? RelPath.segments(s) : null;
        // Koji's own client never sends hidden segments; refusing them keeps .user files unreachable.
        if (parts == null || parts.isEmpty() || parts.stream().anyMatch(p -> p.startsWith("."))) {
            throw KojiFault.generic("Invalid upload directory: " + shown(reldirArg));
        }
        String reldir = String.join("/", parts);
        String dir = KojiPaths.WORK + "/" + reldir;
        UploadTarget t = new UploadTarget(volume, dir, KojiPaths.upload(reldir, name), reldir + "/" + name);
        if (create) {
            if (parts.get(0).equals("tasks")) {
                t.assertTaskHost(ctx, parts, reldirArg);
            } else {
                t.assertOwner(ctx);
            }
        }
        return t;
    }

    private void assertTaskHost(CallContext ctx, List<String> parts, Object reldirArg) {
        int taskId;
        try {
            taskId = parts.size() < 3 ? -1 : Integer.parseInt(parts.get(2));
        } catch (NumberFormatException e) {
            taskId = -1;
        }
        if (taskId < 0 || !parts.get(1).equals(Integer.toString(taskId % 10000))) {
            throw KojiFault.generic("Invalid task upload directory: " + shown(reldirArg));
        }
        int host = ctx.requireHost();
        TaskWriter.assertHost(ctx.db(), taskId, host);
    }

    private void assertOwner(CallContext ctx) {
        int user = ctx.userId();
        String ownerFile = dir + "/" + OWNER_FILE;
        try {
            var stat = volume.stat(ownerFile);
            if (stat.isPresent()) {
                String owner;
                try (InputStream in = volume.openRead(ownerFile, 0)) {
                    owner = new String(in.readNBytes(32), StandardCharsets.US_ASCII).trim();
                }
                if (!owner.equals(Integer.toString(user))) {
                    throw KojiFault.generic("Invalid upload directory, not owner: " + dir.substring(5));
                }
                return;
            }
            try (Volume.Writer w = volume.openWriter(ownerFile)) {
                byte[] id = Integer.toString(user).getBytes(StandardCharsets.US_ASCII);
                w.truncate(0);
                w.write(0, id, 0, id.length);
            }
        } catch (IOException e) {
            throw Uploads.fault(e, this);
        }
    }

    private static String shown(Object arg) {
        return arg instanceof String s ? RelPath.printable(s) : String.valueOf(arg);
    }
}
