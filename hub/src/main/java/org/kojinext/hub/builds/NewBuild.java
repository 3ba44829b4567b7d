package org.kojinext.hub.builds;

/**
 * What Koji's new_build takes. {@code release} is the target release: for a draft the stored
 * release gets the {@code ,draft_<id>} suffix. {@code ownerId} null means the caller.
 */
public record NewBuild(String name, String version, String release, Integer epoch, Integer ownerId,
                       boolean draft, BuildState state, Integer taskId, String source, String extraJson,
                       int volumeId) {

    /** createEmptyBuild's defaults: COMPLETE now, no task, no source, default volume. */
    public static NewBuild complete(String name, String version, String release, Integer epoch, Integer ownerId,
                                    boolean draft) {
        return new NewBuild(name, version, release, epoch, ownerId, draft, BuildState.COMPLETE, null, null, null, 0);
    }
}
