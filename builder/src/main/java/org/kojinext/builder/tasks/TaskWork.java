package org.kojinext.builder.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.kojinext.builder.TaskContext;
import org.kojinext.protocol.Uploader;

/**
 * A task's scratch directory on the builder, removed on close, and its upload directory on the
 * hub (Koji's tasks/&lt;id % 10000&gt;/&lt;id&gt;). Uploads may replace what an earlier run of the
 * same task left, since only this task writes there.
 */
final class TaskWork implements AutoCloseable {
    private final Path dir;
    private final String uploadDir;
    private final Uploader uploader;

    private TaskWork(Path dir, String uploadDir, Uploader uploader) {
        this.dir = dir;
        this.uploadDir = uploadDir;
        this.uploader = uploader;
    }

    static TaskWork open(TaskContext task, Path workRoot) throws IOException {
        Files.createDirectories(workRoot);
        Path dir = Files.createTempDirectory(workRoot, "task-" + task.id() + "-");
        return new TaskWork(dir, "tasks/" + (task.id() % 10000) + "/" + task.id(),
                new Uploader(task.session()).overwrite(true));
    }

    Path dir() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    String uploadDir() {
        return uploadDir;
    }

    /** Uploads the file under its own name; returns its path under work/, as task results name files. */
    String upload(Path file) {
        return upload(file, file.getFileName().toString());
    }

    String upload(Path file, String name) {
        uploader.upload(file, uploadDir, name);
        return uploadDir + "/" + name;
    }

    /** Uploads the logs that exist, each name once; returns their paths under work/. */
    List<Object> uploadLogs(List<Path> logs) {
        List<Object> names = new ArrayList<>();
        for (Path log : logs) {
            String name = uploadDir + "/" + log.getFileName();
            if (Files.isRegularFile(log) && !names.contains(name)) {
                upload(log);
                names.add(name);
            }
        }
        return names;
    }

    /** As uploadLogs for a task that is failing: a log that cannot be sent must not hide the task's own error. */
    List<Object> uploadLogsQuietly(List<Path> logs) {
        try {
            return uploadLogs(logs);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The *.log files a failed buildroot step left under dir (two levels deep). */
    static List<Path> logsUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p)).toList();
        }
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
