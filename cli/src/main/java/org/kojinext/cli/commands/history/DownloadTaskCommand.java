package org.kojinext.cli.commands.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Py;
import org.kojinext.cli.builds.PathInfo;
import org.kojinext.cli.io.Download;
import org.kojinext.cli.io.Progress;
import org.kojinext.cli.watch.TaskStates;
import org.kojinext.cli.watch.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's download-task: the rpms (or, with --all, every file) a finished task and its children
 * wrote, from topurl's work directory into the working directory.
 */
@Command(name = "download-task", description = "[download] Download the output of a build task")
public final class DownloadTaskCommand extends CliCommand {
    private static final List<String> BUILD_METHODS = List.of("buildArch", "build");

    @Option(names = "--arch", paramLabel = "ARCH", description = "Only download packages for this arch (may be used multiple times), only for build and buildArch task methods")
    List<String> arches = new ArrayList<>();
    @Option(names = "--logs", description = "Also download build logs")
    boolean logs;
    @Option(names = "--topurl", paramLabel = "URL", description = "URL under which Koji files are accessible")
    String topurl;
    @Option(names = "--noprogress", description = "Do not display progress meter")
    boolean noprogress;
    @Option(names = "--wait", description = "Wait for running tasks to finish, even if running in the background")
    boolean waitOpt;
    @Option(names = "--nowait", description = "Do not wait for running tasks to finish")
    boolean nowait;
    @Option(names = {"-q", "--quiet"}, description = "Suppress output")
    boolean quiet;
    @Option(names = "--all", description = "Download all files, all methods instead of build and buildArch")
    boolean all;
    @Option(names = "--dirpertask", description = "Download files to dir per task")
    boolean dirpertask;
    @Option(names = "--parentonly", description = "Download parent's files only")
    boolean parentonly;
    @Option(names = "--filter", description = "Regex pattern to filter files")
    List<String> filters = new ArrayList<>();
    @Option(names = "--skip", description = "Regex pattern to skip files")
    List<String> skips = new ArrayList<>();
    @Parameters(arity = "0..*", paramLabel = "<task_id>")
    List<String> args = List.of();

    private record Item(Map<String, Object> task, String filename, String volume, String newName, String taskId) {
    }

    @Override
    protected int run() throws InterruptedException {
        if (args.isEmpty()) {
            throw new CliFailure("Please specify a task ID", 2);
        } else if (args.size() > 1) {
            throw new CliFailure("Only one task ID may be specified", 2);
        }
        int baseId;
        try {
            baseId = Integer.parseInt(args.get(0));
        } catch (NumberFormatException e) {
            throw new CliFailure("invalid literal for int() with base 10: '" + args.get(0) + "'");
        }
        List<String> archList = new ArrayList<>();
        for (String a : arches) {
            archList.addAll(List.of(a.split(",")));
        }
        if (!filters.isEmpty() && !skips.isEmpty()) {
            throw new CliFailure("Only filter or skip may be specified. Not both.", 2);
        }
        boolean silent = quiet || global().quiet();
        Object base = hub().call("getTaskInfo", baseId);
        if (base == null) {
            throw new CliFailure("No such task: " + baseId);
        }
        int state = Py.intOf(Py.map(base).get("state"));
        if (Watching.wanted(waitOpt, nowait, env()) && !TaskStates.done(state)) {
            Watching.watch(hub(), env(), List.of(baseId), silent);
            base = hub().call("getTaskInfo", baseId);
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        tasks.add(Py.map(base));
        if (!parentonly) {
            tasks.addAll(Py.maps(hub().call("getTaskChildren", baseId)));
        }
        tasks.sort(Comparator.comparingInt(t -> Py.intOf(t.get("id"))));
        for (Map<String, Object> t : tasks) {
            int id = Py.intOf(t.get("id"));
            String s = TaskStates.name(t.get("state"));
            if (!s.equals("CLOSED")) {
                String who = id == baseId ? "Task" : "Child task";
                throw new CliFailure(switch (s) {
                    case "FAILED" -> who + " " + id + " failed. You can use save-failed-tree plugin for FAILED tasks.";
                    case "CANCELED" -> who + " " + id + " was canceled.";
                    default -> who + " " + id + " has not finished yet.";
                });
            }
        }
        List<Item> downloads = new ArrayList<>();
        for (Map<String, Object> task : tasks) {
            String taskArch = String.valueOf(task.get("arch"));
            String taskId = String.valueOf(task.get("id"));
            String method = String.valueOf(task.get("method"));
            Map<String, Object> files = Py.map(hub().callKw("listTaskOutput", List.of(task.get("id")),
                    Map.of("all_volumes", true)));
            for (Map.Entry<String, Object> f : files.entrySet()) {
                String filename = f.getKey();
                if (!filters.isEmpty() && !filters.stream().allMatch(p -> Pattern.compile(p).matcher(filename).find())) {
                    continue;
                }
                if (!skips.isEmpty() && skips.stream().anyMatch(p -> Pattern.compile(p).matcher(filename).find())) {
                    continue;
                }
                String filetype = filename.endsWith("src.rpm") ? "src.rpm"
                        : filename.substring(filename.lastIndexOf('.') + 1);
                boolean rpmFile = filetype.equals("rpm") || filetype.equals("src.rpm");
                List<String> volumes = new ArrayList<>();
                for (Object v : (List<?>) f.getValue()) {
                    volumes.add(String.valueOf(v));
                }
                if (all && !(BUILD_METHODS.contains(method) && rpmFile)) {
                    if (!filetype.equals("log")) {
                        for (String vol : volumes) {
                            String newName;
                            if (dirpertask) {
                                newName = taskId + "/" + filename;
                            } else if (!filename.contains(taskArch) && !filetype.equals("src.rpm")) {
                                newName = filename.substring(0, filename.length() - filetype.length() - 1) + "."
                                        + taskArch + "." + filetype;
                            } else {
                                newName = filename;
                            }
                            downloads.add(new Item(task, filename, vol, newName, taskId));
                        }
                    }
                } else if (BUILD_METHODS.contains(method) && rpmFile) {
                    String[] parts = filename.split("\\.");
                    String fileArch = parts[parts.length - 2];
                    for (String vol : volumes) {
                        if (archList.isEmpty() || archList.contains(fileArch)) {
                            downloads.add(new Item(task, filename, vol, dirpertask ? taskId + "/" + filename : filename, taskId));
                        }
                    }
                }
                if (filetype.equals("log") && logs) {
                    for (String vol : volumes) {
                        String newName;
                        if (dirpertask) {
                            newName = taskId + "/" + filename;
                        } else if (!filename.contains(taskArch)) {
                            newName = filename.substring(0, filename.length() - 4) + "." + taskArch + ".log";
                        } else {
                            newName = filename;
                        }
                        downloads.add(new Item(task, filename, vol, newName, taskId));
                    }
                }
            }
        }
        if (downloads.isEmpty()) {
            out().println("No files for download found.");
            return 0;
        }
        String top = topurl != null ? topurl : hub().profile().topurl();
        if (top == null) {
            throw new CliFailure("You must specify --topurl to download files");
        }
        PathInfo pi = new PathInfo(top);
        Progress progress = new Progress(out(), env().interactive() && !noprogress && !silent);
        Download download = new Download(out(), env().cwd(), silent, progress);
        Map<String, Boolean> done = new LinkedHashMap<>();
        boolean duplicates = false;
        int number = 0;
        for (Item d : downloads) {
            number++;
            String newName = d.newName();
            boolean otherVolume = !d.volume().equals("DEFAULT") && !d.volume().equals("None");
            if (otherVolume) {
                newName = dirpertask ? d.taskId() + "/" + d.volume() + "/" + d.filename() : d.volume() + "/" + newName;
            }
            if (d.filename().contains("..")) {
                throw new CliFailure("Invalid file name: " + d.filename());
            }
            String url = pi.work(otherVolume ? d.volume() : null) + "/" + PathInfo.taskrelpath(Py.intOf(d.task().get("id")))
                    + "/" + d.filename();
            String seenKey = newName + "\0" + d.volume();
            if (done.putIfAbsent(seenKey, true) == null) {
                download.fetch(url, newName, number, downloads.size(), null);
            } else {
                if (!silent) {
                    out().println("Downloading [" + number + "/" + downloads.size() + "]: " + newName);
                    out().println("File " + newName + " already downloaded, skipping");
                }
                duplicates = true;
            }
        }
        if (duplicates) {
            warn("Duplicate files, for download all duplicate files use --dirpertask.");
        }
        return 0;
    }
}
