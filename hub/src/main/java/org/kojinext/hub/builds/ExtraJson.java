package org.kojinext.hub.builds;

/**
 * Kept only because tagging.TaggedBuilds still imports it and is being changed elsewhere right
 * now; point that import at {@link org.kojinext.hub.db.ExtraJson} and delete this class.
 */
@Deprecated(forRemoval = true)
public final class ExtraJson {
    private ExtraJson() {
    }

    public static Object decode(String text, String error) {
        return org.kojinext.hub.db.ExtraJson.decode(text, error);
    }
}
