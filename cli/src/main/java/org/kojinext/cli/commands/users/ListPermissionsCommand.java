package org.kojinext.cli.commands.users;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's list-permissions: every permission the hub knows with its description, or one user's
 * with the groups each is inherited from. Logs in, as Koji does, so that --mine works.
 */
@Command(name = "list-permissions", description = "[info] List user permissions")
public final class ListPermissionsCommand extends CliCommand {
    private static final String NAME_HEADER = "Permission name";
    /** Koji pads the name column to at least this, the header and three spaces. */
    private static final int MIN_WIDTH = "Permission name   ".length();

    @Option(names = "--user", description = "List permissions for the given user")
    String user;

    @Option(names = "--mine", description = "List your permissions")
    boolean mine;

    @Option(names = "--quiet", description = "Do not print the header information")
    boolean quiet;

    @Option(names = "--json", description = "Print the hub's answer as JSON")
    boolean json;

    @Parameters(arity = "0..*", hidden = true)
    List<String> args = List.of();

    private record Perm(String name, String description) {
    }

    @Override
    protected int run() {
        if (!args.isEmpty()) {
            throw new CliFailure("This command takes no arguments", 2);
        }
        HubLink hub = login();
        Object who = user;
        if (mine) {
            if (!(hub.call("getLoggedInUser") instanceof Map<?, ?> me)) {
                throw new CliFailure("Not logged in: --mine needs a login");
            }
            who = me.get("id");
        }
        List<Perm> perms = new ArrayList<>();
        if (who != null && !"".equals(who)) {
            if (!(hub.call("getUser", who) instanceof Map<?, ?> u)) {
                throw new CliFailure("No such user: " + who);
            }
            Map<?, ?> sources = (Map<?, ?>) hub.call("getUserPermsInheritance", u.get("id"));
            if (json) {
                printJson(sources);
                return 0;
            }
            sources.forEach((name, groups) -> perms.add(new Perm(String.valueOf(name), inherited(groups))));
        } else {
            List<?> all = (List<?>) hub.call("getAllPerms");
            if (json) {
                printJson(all);
                return 0;
            }
            for (Object o : all) {
                Map<?, ?> p = (Map<?, ?>) o;
                perms.add(new Perm(String.valueOf(p.get("name")), (String) p.get("description")));
            }
        }
        perms.sort(Comparator.comparing(Perm::name));
        print(perms);
        return 0;
    }

    /** Koji's wording for a permission held through groups; none for a direct grant. */
    private static String inherited(Object groups) {
        List<?> g = (List<?>) groups;
        if (g.size() == 1 && g.get(0) == null) {
            return null;
        }
        List<String> names = g.stream().map(String::valueOf).toList();
        return "inherited from: " + String.join(", ", names);
    }

    private void print(List<Perm> perms) {
        int width = Math.max(MIN_WIDTH, perms.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        if (!quiet && !global().quiet()) {
            String hdr = pad(NAME_HEADER, width);
            // The description column is announced only when the first (sorted) row has one.
            if (!perms.isEmpty() && hasText(perms.get(0).description())) {
                hdr += pad("   Description", 53);
            }
            out().println(hdr);
            out().println("-".repeat(hdr.length()));
        }
        for (Perm p : perms) {
            String line = pad(p.name(), width);
            if (hasText(p.description())) {
                line += "   " + p.description();
            }
            out().println(line);
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isEmpty();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
