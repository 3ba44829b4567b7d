package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.Py;
import org.kojinext.cli.tags.InheritanceFlags;

/**
 * Draws getFullInheritance's depth-first list as Koji's list-tag-inheritance does: each link
 * indented three columns per level, with box-drawing rails down to later siblings.
 */
final class InheritanceTree {
    private InheritanceTree() {
    }

    static List<String> draw(List<Map<String, Object>> links, boolean reverse) {
        List<String> lines = new ArrayList<>();
        // The depths at which a rail continues down to a sibling still to come.
        List<Integer> rails = new ArrayList<>();
        String siblingKey = reverse ? "parent_id" : "child_id";
        for (int i = 0; i < links.size(); i++) {
            Map<String, Object> link = links.get(i);
            int depth = ((Number) link.get("currdepth")).intValue();
            boolean moreSiblings = false;
            for (int j = i + 1; j < links.size() && !moreSiblings; j++) {
                moreSiblings = Py.eq(links.get(j).get(siblingKey), link.get(siblingKey));
            }
            StringBuilder line = new StringBuilder(InheritanceFlags.format(link));
            int drawn = 0;
            for (int rail : rails) {
                if (rail < depth) {
                    line.append(spaces((rail - drawn) * 3 - 1)).append('\u2502');
                    drawn = rail;
                }
            }
            line.append(spaces((depth - drawn) * 3 - 1));
            line.append(moreSiblings ? '\u251c' : '\u2514').append('\u2500');
            line.append(Py.str(link.get("name"))).append(" (")
                    .append(Py.i(link.get(reverse ? "tag_id" : "parent_id"))).append(')');
            lines.add(line.toString());
            boolean lastIsHere = !rails.isEmpty() && rails.get(rails.size() - 1) == depth;
            if (moreSiblings && !lastIsHere) {
                rails.add(depth);
            } else if (!moreSiblings && lastIsHere) {
                rails.remove(rails.size() - 1);
            }
        }
        return lines;
    }

    /** Python's ' ' * n, which is empty for n below one. */
    private static String spaces(int n) {
        return n > 0 ? " ".repeat(n) : "";
    }
}
