package org.kojinext.hub.api;

import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.storage.Uploads;

/**
 * Koji's XML-RPC upload calls. The faster rawUpload is an HTTP POST of the bytes themselves and
 * is served by the HTTP endpoint through the same {@link Uploads}.
 */
public final class UploadApi implements ApiModule {
    private final Uploads uploads;

    public UploadApi(Uploads uploads) {
        this.uploads = uploads;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("uploadFile").param("path").param("name").param("size").param("md5sum").param("offset")
                .param("data").param("volume", null).param("checksum", null)
                .access(Access.loggedIn())
                .doc("Write a base64 chunk of a file to work/<path>/<name> at offset. checksum (or the legacy "
                        + "md5sum) is an md5 hex string or [type, hexdigest] with type md5, adler32 or sha256; "
                        + "False when the chunk's size or digest does not match. offset -1 with the whole file's "
                        + "size and digest finishes the upload. A tasks/<x>/<task_id> directory is writable only "
                        + "by the host holding that task open.")
                .handler((ctx, a) -> uploads.uploadFile(ctx, a.get("path"), a.get("name"), a.get("size"),
                        a.get("checksum") != null ? a.get("checksum") : a.get("md5sum"), a.get("offset"),
                        a.get("data"), a.get("volume")));
        m.method("checkUpload").param("path").param("name").param("verify", null).param("tail", null)
                .param("volume", null)
                .access(Access.anonymousRead())
                .doc("An uploaded file's {size, mtime}; with verify (md5, adler32, sha256) also {sumlength, "
                        + "hexdigest} of the whole file or of its last tail bytes. None when there is no such file.")
                .handler((ctx, a) -> uploads.check(ctx, a.get("path"), a.get("name"), a.get("verify"),
                        a.get("tail"), a.get("volume")));
    }
}
