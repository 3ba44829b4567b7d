package org.kojinext.builder.buildroot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kojinext.builder.Commands;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Builds in a mock chroot populated from the build tag's repo, as kojid does: the buildroot is
 * described by a MockConfig written into the task's directory, and every step runs
 * {@code mock -r <that file>} with its results and logs in the task's result directory.
 */
public final class MockProvider implements BuildrootProvider {
    private static final List<String> MOCK_LOGS = List.of("build.log", "root.log", "state.log", "hw_info.log",
            "installed_pkgs.log");

    private final MockConfig config;
    private final String searchPath;
    private final Duration timeout;
    private Path configFile;
    private Path resultDir;
    private Path outputLog;

    public MockProvider(MockConfig config, String searchPath, Duration timeout) {
        this.config = config;
        this.searchPath = searchPath;
        this.timeout = timeout;
    }

    public MockProvider(MockConfig config) {
        this(config, Commands.SAFE_PATH, Duration.ofHours(24));
    }

    /** Whether mock is on searchPath, for choosing a provider. */
    public static boolean available(String searchPath) {
        return Commands.find("mock", searchPath).isPresent();
    }

    @Override
    public String name() {
        return "mock";
    }

    public Path configFile() {
        return configFile;
    }

    @Override
    public void prepare(Path workDir) throws IOException {
        Path dir = workDir.toAbsolutePath().normalize();
        resultDir = dir.resolve("result");
        Files.createDirectories(resultDir);
        configFile = dir.resolve(config.name().replace('/', '_') + ".cfg");
        Files.writeString(configFile, config.text());
        outputLog = dir.resolve("logs").resolve("mock_output.log");
        // kojid uploads the config it used as mock_config.log
        Files.createDirectories(outputLog.getParent());
        Files.copy(configFile, outputLog.resolveSibling("mock_config.log"));
    }

    @Override
    public Output buildSrpm(Path specFile, Path sourceDir) throws IOException, InterruptedException {
        List<Path> made = mock("srpm", List.of("--buildsrpm", "--spec", specFile.toAbsolutePath().toString(),
                "--sources", sourceDir.toAbsolutePath().toString(), "--target", "noarch"));
        List<Path> srpms = made.stream().filter(p -> p.toString().endsWith(".src.rpm")).toList();
        if (srpms.size() != 1) {
            throw new KojiFault(FaultCode.BUILD, "mock --buildsrpm made " + srpms.size() + " source rpms, expected one");
        }
        return new Output(srpms, List.of(), logs());
    }

    @Override
    public Output rebuild(Path srpm, String arch) throws IOException, InterruptedException {
        List<Path> made = mock(Arches.check(arch), List.of("--target", arch, "--rebuild",
                srpm.toAbsolutePath().toString()));
        return new Output(made.stream().filter(p -> p.toString().endsWith(".src.rpm")).toList(),
                made.stream().filter(p -> !p.toString().endsWith(".src.rpm")).toList(), logs());
    }

    @Override
    public void cleanup() throws IOException, InterruptedException {
        if (configFile != null && available(searchPath)) {
            mockRaw(List.of("--clean"));
        }
    }

    private List<Path> mock(String step, List<String> args) throws IOException, InterruptedException {
        int rc = mockRaw(args);
        if (rc != 0) {
            Path log = resultDir.resolve("build.log");
            throw new KojiFault(FaultCode.BUILD, "error building " + (step.equals("srpm") ? "srpm" : "package (arch "
                    + step + ")") + ", mock exit " + rc + "; end of " + (Files.exists(log) ? "build.log" : "mock output")
                    + ":\n" + Commands.tail(Files.exists(log) ? log : outputLog, 20));
        }
        try (Stream<Path> s = Files.list(resultDir)) {
            return s.filter(p -> p.toString().endsWith(".rpm")).sorted().toList();
        }
    }

    private int mockRaw(List<String> args) throws IOException, InterruptedException {
        if (configFile == null) {
            throw new IllegalStateException("prepare first");
        }
        Path mock = Commands.find("mock", searchPath).orElseThrow(() -> new KojiFault(FaultCode.BUILDROOT,
                "mock is not installed (not found in " + searchPath + "); use the rpmbuild buildroot or install mock"));
        List<String> cmd = new ArrayList<>(List.of(mock.toString(), "-r", configFile.toString(), "--no-clean",
                "--resultdir", resultDir.toString()));
        cmd.addAll(args);
        Commands.appendLine(outputLog, "$ " + String.join(" ", cmd));
        return Commands.run(cmd, resultDir, Map.of("PATH", Commands.SAFE_PATH, "HOME", System.getProperty("user.home"),
                "LC_ALL", "C.UTF-8"), outputLog, timeout);
    }

    private List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        logs.add(outputLog.resolveSibling("mock_config.log"));
        logs.add(outputLog);
        for (String name : MOCK_LOGS) {
            Path p = resultDir.resolve(name);
            if (Files.exists(p)) {
                logs.add(p);
            }
        }
        return logs;
    }
}
