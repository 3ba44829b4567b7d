package org.kojinext.cli.watch;

/** One task of a watched tree, as Koji's TaskWatcher keeps it: depth, label and last known state. */
final class WatchedTask {
    final int id;
    final int level;
    final String label;
    int state;
    Integer hostId;

    WatchedTask(int id, int level, String label, int state, Integer hostId) {
        this.id = id;
        this.level = level;
        this.label = label;
        this.state = state;
        this.hostId = hostId;
    }

    boolean done() {
        return TaskStates.done(state);
    }

    boolean success() {
        return state == TaskStates.CLOSED;
    }

    /** Koji's TaskWatcher.str(): indented by depth, id and label. */
    @Override
    public String toString() {
        return "  ".repeat(level) + id + " " + label;
    }
}
