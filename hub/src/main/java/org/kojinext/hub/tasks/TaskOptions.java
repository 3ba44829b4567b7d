package org.kojinext.hub.tasks;

import java.util.Map;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * The options of Koji's make_task. A null field was not given, so make_task's default applies:
 * for a subtask the parent's owner and arch and its priority less one, otherwise the caller,
 * noarch and priority 20.
 */
public final class TaskOptions {
    /** Koji's PRIO_DEFAULT. */
    public static final int PRIO_DEFAULT = 20;

    Integer parent;
    String label;
    Object owner;
    Object channel;
    Object arch;
    Integer priority;
    Object assign;

    public static TaskOptions none() {
        return new TaskOptions();
    }

    /**
     * Options from a keyword struct (makeTask's **opts, host.subtask's): parent, label, owner
     * (id or name), channel (id or name), arch, priority, assign (host id or name). Koji ignores
     * other keys, and so does this.
     */
    public static TaskOptions from(Map<String, Object> kw) {
        TaskOptions o = new TaskOptions();
        if (kw == null) {
            return o;
        }
        if (kw.get("parent") != null) {
            o.parent = intOpt(kw.get("parent"));
        }
        if (kw.get("label") != null) {
            if (!(kw.get("label") instanceof String s)) {
                throw KojiFault.parameter("Invalid type for value '" + PythonRepr.str(kw.get("label")) + "': "
                        + PyInt.pyType(kw.get("label")) + ", expected type <class 'str'>");
            }
            o.label = s;
        }
        o.owner = kw.get("owner");
        o.channel = kw.get("channel");
        o.arch = kw.get("arch");
        if (kw.get("priority") != null) {
            o.priority = intOpt(kw.get("priority"));
        }
        o.assign = kw.get("assign");
        return o;
    }

    private static Integer intOpt(Object v) {
        return PyInt.convert(v);
    }

    public TaskOptions parent(Integer v) {
        parent = v;
        return this;
    }

    public TaskOptions label(String v) {
        label = v;
        return this;
    }

    /** A user id or name. */
    public TaskOptions owner(Object v) {
        owner = v;
        return this;
    }

    /** A channel id or name. */
    public TaskOptions channel(Object v) {
        channel = v;
        return this;
    }

    /** An arch (string or list, as Koji's parse_arches takes it). */
    public TaskOptions arch(Object v) {
        arch = v;
        return this;
    }

    public TaskOptions priority(Integer v) {
        priority = v;
        return this;
    }

    /** A host id or name: the task starts ASSIGNED to it. */
    public TaskOptions assign(Object v) {
        assign = v;
        return this;
    }

    public Integer parent() {
        return parent;
    }

    public String label() {
        return label;
    }
}
