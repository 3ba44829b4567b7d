package org.kojinext.cli.commands.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.users.UserNames;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's userinfo: name, id, principals, permissions, groups, status and how many packages,
 * tasks and builds a user owns. Unknown names are warned about and skipped, as Koji does.
 */
@Command(name = "userinfo", description = "[admin] Show information about a user")
public final class UserinfoCommand extends CliCommand {
    @Option(names = "--json", description = "Print the users as JSON, with their permissions and counts")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "<username>")
    List<String> names = List.of();

    @Override
    protected int run() {
        if (names.isEmpty()) {
            throw new CliFailure("You must specify at least one username", 2);
        }
        HubLink hub = hub();
        List<RpcCall> lookups = new ArrayList<>();
        for (String n : names) {
            lookups.add(Multicalls.call("getUser", List.of(n), "groups", true));
        }
        List<Object> found = Multicalls.strict(hub, lookups);
        List<Map<?, ?>> users = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (found.get(i) instanceof Map<?, ?> u) {
                users.add(u);
            } else {
                warn("No such user: " + names.get(i) + "\n");
            }
        }
        List<RpcCall> details = new ArrayList<>();
        for (Map<?, ?> u : users) {
            Object id = u.get("id");
            Map<String, Object> count = Map.of("countOnly", true);
            details.add(Multicalls.call("getUserPerms", List.of(id)));
            details.add(Multicalls.call("listPackages", List.of(), "userID", id, "with_dups", true, "queryOpts", count));
            Map<String, Object> taskOpts = new LinkedHashMap<>();
            taskOpts.put("owner", id);
            taskOpts.put("parent", null);
            details.add(Multicalls.call("listTasks", List.of(), "opts", taskOpts, "queryOpts", count));
            details.add(Multicalls.call("listBuilds", List.of(), "userID", id, "queryOpts", count));
        }
        List<Object> answers = Multicalls.strict(hub, details);
        List<Map<String, Object>> described = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            Map<String, Object> u = new LinkedHashMap<>();
            users.get(i).forEach((k, v) -> u.put(String.valueOf(k), v));
            u.put("permissions", answers.get(4 * i));
            u.put("packages", answers.get(4 * i + 1));
            u.put("tasks", answers.get(4 * i + 2));
            u.put("builds", answers.get(4 * i + 3));
            described.add(u);
        }
        if (json) {
            printJson(described);
            return 0;
        }
        described.forEach(this::print);
        return 0;
    }

    private void print(Map<String, Object> u) {
        out().println("User name: " + u.get("name"));
        out().println("User ID: " + ((Number) u.get("id")).intValue());
        if (u.containsKey("krb_principals")) {
            out().println("krb principals:");
            for (Object krb : (List<?>) u.get("krb_principals")) {
                out().println("  " + krb);
            }
        }
        if (u.get("permissions") instanceof List<?> perms && !perms.isEmpty()) {
            out().println("Permissions:");
            perms.forEach(p -> out().println("  " + p));
        }
        if (u.get("groups") instanceof List<?> groups && !groups.isEmpty()) {
            out().println("Groups:");
            groups.stream().map(String::valueOf).sorted().forEach(g -> out().println("  " + g));
        }
        out().println("Status: " + UserNames.status(u.get("status")));
        out().println("Usertype: " + UserNames.usertype(u.get("usertype")));
        out().println("Number of packages: " + ((Number) u.get("packages")).intValue());
        out().println("Number of tasks: " + ((Number) u.get("tasks")).intValue());
        out().println("Number of builds: " + ((Number) u.get("builds")).intValue());
        out().println();
    }
}
