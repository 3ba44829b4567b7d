package org.kojinext.hub.api;

import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.storage.VolumeRows;

/** Storage volumes as Koji lists them. */
public final class VolumeApi implements ApiModule {
    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("listVolumes")
                .access(Access.anonymousRead())
                .doc("Every storage volume as {id, name}; DEFAULT (id 0) is the topdir.")
                .handler((ctx, a) -> VolumeRows.all(ctx.db()));
    }
}
