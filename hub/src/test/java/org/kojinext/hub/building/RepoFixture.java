package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.kojinext.builder.Builder;
import org.kojinext.builder.Handlers;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.tasks.CreateRepo;
import org.kojinext.builder.tasks.NewRepo;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPackages;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.Uploader;

/**
 * What repository tests share: rpms made by rpmbuild at test time and imported as builds the way
 * a builder imports them (host.initBuild, uploads, host.completeBuild), a builder running the
 * shipped newRepo and createrepo handlers, and a reader of the repodata createrepo_c wrote.
 */
final class RepoFixture implements AutoCloseable {
    static final String IMPORT_CHANNEL = "c-repo-import";
    final TestHub hub;
    final KojiClient admin;
    final Path topdir;
    private final Path tmp;
    private final KojiClient importer;
    private final List<Builder> builders = new ArrayList<>();

    RepoFixture(Path tmp) {
        this.tmp = tmp;
        this.hub = TestHub.start();
        this.admin = hub.admin(Encoding.XML);
        this.topdir = hub.dataDir().resolve("files");
        TestHosts.create(hub.jdbcUrl(), "repo-importer", "x86_64", 10.0, List.of(IMPORT_CHANNEL));
        this.importer = hub.client(Encoding.XML);
        importer.login("repo-importer", TestHosts.PASSWORD);
        importer.call("exclusiveSession", true);
    }

    /** A host in channel createrepo running newRepo and createrepo (createrepo possibly replaced). */
    Builder startBuilder(String name, TaskHandler createrepo) {
        TestHosts.create(hub.jdbcUrl(), name, "x86_64 noarch", 4.0, List.of("createrepo"));
        Map<String, TaskHandler> handlers = new HashMap<>(Handlers.defaults());
        handlers.put("newRepo", new NewRepo());
        handlers.put("createrepo", createrepo != null ? createrepo
                : new CreateRepo(topdir, tmp.resolve("builder-work-" + name)));
        Builder b = new Builder(hub.url(), name, TestHosts.PASSWORD, Duration.ofSeconds(5), 4, handlers);
        Thread.ofVirtual().start(b);
        builders.add(b);
        return b;
    }

    /** Builds name-1.0-1 with rpmbuild: noarch, or for the machine's arch with a noarch -data subpackage. */
    Map<String, Path> rpms(String name, boolean noarch) throws Exception {
        return TestPackages.rpmbuild(tmp, name, noarch ? TestPackages.noarch(name) : TestPackages.archWithNoarchData(name, ""));
    }

    /** Builds and imports name-1.0-1; returns the build id. */
    int importBuild(String name, boolean noarch) throws Exception {
        Map<String, Path> files = rpms(name, noarch);
        int task = (Integer) admin.callKw("makeTask", List.of("build", List.of()), Map.of("channel", IMPORT_CHANNEL));
        assertThat(importer.call("host.openTask", task)).isNotNull();
        String dir = "tasks/" + (task % 10000) + "/" + task;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", task);
        data.put("name", name);
        data.put("version", "1.0");
        data.put("release", "1");
        data.put("epoch", null);
        int build = (Integer) importer.call("host.initBuild", data);
        String srpm = null;
        List<Object> rpms = new ArrayList<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            new Uploader(importer).upload(e.getValue(), dir, e.getKey());
            if (e.getKey().endsWith(".src.rpm")) {
                srpm = dir + "/" + e.getKey();
            } else {
                rpms.add(dir + "/" + e.getKey());
            }
        }
        importer.call("host.completeBuild", task, build, srpm, rpms, Map.of(), Map.of());
        importer.call("host.closeTask", task, "<?xml version='1.0'?><methodResponse><params><param><value><nil/>"
                + "</value></param></params></methodResponse>");
        return build;
    }

    /** Waits for a task to finish; returns its state. */
    int finished(int task) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            int s = state(task);
            return s == 2 || s == 3 || s == 5;
        });
        return state(task);
    }

    int state(int task) {
        return (Integer) ((Map<?, ?>) admin.call("getTaskInfo", task)).get("state");
    }

    /** name.arch → location href of every package in the arch's primary.xml.gz. */
    Map<String, String> primary(int repoId, String tag, String arch) throws Exception {
        Path repodata = topdir.resolve("repos/" + tag + "/" + repoId + "/" + arch + "/repodata");
        Path primary;
        try (Stream<Path> s = Files.list(repodata)) {
            primary = s.filter(p -> p.getFileName().toString().endsWith("primary.xml.gz")).findFirst().orElseThrow();
        }
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(primary)))) {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(in);
            String name = null;
            String pkgArch = null;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "name" -> name = r.getElementText();
                    case "arch" -> pkgArch = r.getElementText();
                    case "location" -> out.put(name + "." + pkgArch, r.getAttributeValue(null, "href"));
                    default -> {
                    }
                }
            }
        }
        return out;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    @Override
    public void close() {
        for (Builder b : builders) {
            b.kill();
        }
        hub.close();
    }
}
