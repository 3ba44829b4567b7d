package org.kojinext.cli.commands.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's cancel: tasks by id and builds by N-V-R, in one multicall; each failure is a warning. */
@Command(name = "cancel", description = "[build] Cancel tasks and/or builds")
public final class CancelCommand extends CliCommand {
    private static final int BATCH = 100;

    @Option(names = "--justone", description = "Do not cancel subtasks")
    boolean justone;

    @Option(names = "--full", description = "Full cancellation (admin only)")
    boolean full;

    @Option(names = "--force", description = "Allow subtasks with --full")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "<task_id|build>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.isEmpty()) {
            throw new CliFailure("You must specify at least one task id or build", 2);
        }
        List<RpcCall> calls = new ArrayList<>();
        List<String> builds = new ArrayList<>();
        for (String a : args) {
            Integer id = integer(a);
            if (id != null) {
                if (justone) {
                    calls.add(new RpcCall("cancelTask", List.of(id), Map.of("recurse", false)));
                } else if (full) {
                    calls.add(new RpcCall("cancelTaskFull", List.of(id), force ? Map.of("strict", false) : Map.of()));
                } else {
                    calls.add(new RpcCall("cancelTask", List.of(id), Map.of()));
                }
            } else if (isNvr(a)) {
                builds.add(a);
            } else {
                throw new CliFailure("please specify only task ids (integer) or builds (n-v-r)", 2);
            }
        }
        // Koji sends the tasks first, then the builds.
        for (String b : builds) {
            calls.add(new RpcCall("cancelBuild", List.of(b), Map.of("strict", true)));
        }
        var hub = login();
        boolean failed = false;
        for (int from = 0; from < calls.size(); from += BATCH) {
            for (Object r : hub.multicall(calls.subList(from, Math.min(calls.size(), from + BATCH)))) {
                if (r instanceof KojiFault f) {
                    warn(f.getMessage());
                    failed = true;
                }
            }
        }
        return failed ? 1 : 0;
    }

    private static Integer integer(String a) {
        try {
            return Integer.parseInt(a.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Koji's parse_NVR accepts it: name, version and release, none empty. */
    static boolean isNvr(String s) {
        int r = s.lastIndexOf('-');
        if (r <= 0 || r == s.length() - 1) {
            return false;
        }
        int v = s.lastIndexOf('-', r - 1);
        return v > 0 && v != r - 1;
    }
}
