package org.kojinext.cli.commands.tags;

import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;

/** What the inheritance-editing commands share: tag look-ups and picking the one link to change. */
final class Inheritance {
    private Inheritance() {
    }

    /** The tag, or Koji's parser.error "No such tag". */
    static Map<String, Object> requireTag(HubLink hub, String name) {
        Object tag = hub.call("getTag", name);
        if (!Py.truthy(tag)) {
            throw new CliFailure("No such tag: " + name, 2);
        }
        return Py.map(tag);
    }

    /**
     * Narrows a tag's links to the one named by an optional parent and priority, failing with
     * Koji's messages when none or several remain. A priority of 0 does not narrow, as in Koji.
     */
    static Map<String, Object> pick(List<Map<String, Object>> data, Map<String, Object> parent, Integer priority,
                                    java.io.PrintStream out) {
        List<Map<String, Object>> found = data;
        if (parent != null && !found.isEmpty()) {
            found = found.stream().filter(d -> Py.eq(d.get("parent_id"), parent.get("id"))).toList();
        }
        if (priority != null && priority != 0 && !found.isEmpty()) {
            found = found.stream().filter(d -> Py.eq(d.get("priority"), priority)).toList();
        }
        if (found.isEmpty()) {
            throw new CliFailure("No inheritance link found to remove.  Please check your arguments");
        }
        if (found.size() > 1) {
            out.println("Multiple matches for tag.");
            if (parent == null) {
                throw new CliFailure("Please specify a parent on the command line.");
            }
            if (priority == null || priority == 0) {
                throw new CliFailure("Please specify a priority on the command line.");
            }
            throw new CliFailure("Error: Key constraints may be broken.  Exiting.");
        }
        return found.get(0);
    }

    /** Parses the optional [parent [priority]] words after the tag. */
    static Target target(HubLink hub, List<String> args) {
        Map<String, Object> parent = null;
        Integer priority = null;
        if (args.size() > 1) {
            parent = requireTag(hub, args.get(1));
            if (args.size() > 2) {
                priority = Py.parseInt(args.get(2));
            }
        }
        return new Target(parent, priority);
    }

    record Target(Map<String, Object> parent, Integer priority) {
    }

    /** Puts the changed link where the original was in a fresh read of the tag's links. */
    static void replace(List<Map<String, Object>> data, Map<String, Object> link, Map<String, Object> changed) {
        int index = data.indexOf(link);
        if (index < 0) {
            throw new CliFailure("The tag's inheritance changed while editing it; please try again");
        }
        data.set(index, changed);
    }

    /** Koji's usage checks of edit- and remove-tag-inheritance: a tag, then an optional parent and priority. */
    static void checkLinkArgs(List<String> args) {
        if (args.isEmpty()) {
            throw new CliFailure("This command takes at least one argument: a tag name or ID", 2);
        }
        if (args.size() > 3) {
            throw new CliFailure("This command takes at most three argument: a tag name or ID, "
                    + "a parent tag name or ID, and a priority", 2);
        }
    }

    /** The tag and the one link of its inheritance that the arguments name. */
    static Chosen choose(HubLink hub, List<String> args, java.io.PrintStream out) {
        Map<String, Object> tag = requireTag(hub, args.get(0));
        Target which = target(hub, args);
        Map<String, Object> link = pick(Py.maps(hub.call("getInheritanceData", tag.get("id"))),
                which.parent(), which.priority(), out);
        return new Chosen(tag, link);
    }

    record Chosen(Map<String, Object> tag, Map<String, Object> link) {
    }
}
