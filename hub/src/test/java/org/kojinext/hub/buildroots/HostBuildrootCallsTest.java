package org.kojinext.hub.buildroots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestRepos;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * The buildroot host calls through real host sessions and open tasks: the INIT → BUILDING →
 * EXPIRED lifecycle, the listings of internal and external rpms, and the refusals that keep a
 * host to its own buildroots and tasks.
 */
class HostBuildrootCallsTest {
    private static TestHub hub;
    private static KojiClient admin;
    private static KojiClient hostA;
    private static KojiClient hostB;
    private static int hostAId;
    private static int hostBId;
    private static int tagId;
    private static int repo;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        hostAId = TestHosts.create(hub.jdbcUrl(), "br-a", "x86_64", 4.0, List.of("c-br-a"));
        hostBId = TestHosts.create(hub.jdbcUrl(), "br-b", "x86_64", 4.0, List.of("c-br-b"));
        hostA = host("br-a");
        hostB = host("br-b");
        tagId = (Integer) admin.call("createTag", "br-build");
        repo = TestRepos.create(hub.jdbcUrl(), "br-build");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static KojiClient host(String name) {
        KojiClient c = hub.client(Encoding.XML);
        c.login(name, TestHosts.PASSWORD);
        c.call("exclusiveSession", true);
        return c;
    }

    /** A task held OPEN by the host. */
    private static int openTask(KojiClient host, String channel) {
        int task = (Integer) admin.callKw("makeTask", List.of("buildArch", List.of()), Map.of("channel", channel));
        assertThat(host.call("host.openTask", task)).isNotNull();
        return task;
    }

    private static int newBuildRoot(KojiClient host, int task) {
        return (Integer) host.callKw("host.newBuildRoot", List.of(repo, "x86_64"), Map.of("task_id", task));
    }

    private static Map<String, Object> buildroot(int id) {
        return map(admin.call("getBuildroot", id));
    }

    private static Map<String, Object> rpm(String name, String arch, char payload) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", name);
        h.put("version", "1.0");
        h.put("release", "1");
        h.put("epoch", null);
        h.put("arch", arch);
        h.put("payloadhash", String.valueOf(payload).repeat(32));
        h.put("size", 100);
        h.put("buildtime", 1_700_000_000);
        return h;
    }

    /** An internal rpm of a build of its own, recorded with importRPMInfo; returns its id. */
    private static int internalRpm(String name, char payload) {
        int build = (Integer) admin.call("createEmptyBuild", name, "1.0", "1", null);
        Map<String, Object> h = rpm(name, "x86_64", payload);
        h.put("sha256", String.valueOf(payload).repeat(64));
        return (Integer) map(admin.call("importRPMInfo", build, h)).get("id");
    }

    private static List<Map<String, Object>> rows(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : (List<?>) o) {
            out.add(map(r));
        }
        return out;
    }

    @Test
    void aBuildrootGoesFromInitThroughBuildingToExpired() {
        int task = openTask(hostA, "c-br-a");
        int id = newBuildRoot(hostA, task);
        Map<String, Object> br = buildroot(id);
        assertThat(br.keySet()).containsExactly("id", "br_type", "cg_id", "cg_name", "cg_version", "container_arch",
                "arch", "container_type", "host_os", "host_arch", "extra", "state", "task_id", "host_id", "host_name",
                "repo_id", "repo_state", "tag_id", "tag_name", "create_event_id", "create_event_time", "create_ts",
                "retire_event_id", "retire_event_time", "retire_ts", "repo_create_event_id", "repo_create_event_time");
        assertThat(br).containsEntry("id", id).containsEntry("br_type", 0).containsEntry("state", 0)
                .containsEntry("arch", "x86_64").containsEntry("container_arch", "x86_64")
                .containsEntry("container_type", "chroot").containsEntry("task_id", task)
                .containsEntry("host_id", hostAId).containsEntry("host_name", "br-a").containsEntry("repo_id", repo)
                .containsEntry("repo_state", TestRepos.READY).containsEntry("tag_id", tagId)
                .containsEntry("tag_name", "br-build").containsEntry("cg_id", null).containsEntry("host_os", null)
                .containsEntry("host_arch", null).containsEntry("extra", null)
                .containsEntry("retire_event_id", null).containsEntry("retire_ts", null);
        int created = (Integer) br.get("create_event_id");
        assertThat(map(admin.call("getEvent", created)).get("ts")).isEqualTo(br.get("create_ts"));
        assertThat(br.get("repo_create_event_id")).isNotNull().isInstanceOf(Integer.class);

        // By name or by Koji's code; never back to INIT.
        hostA.callKw("host.setBuildRootState", List.of(id, "WAITING"), Map.of("task_id", task));
        assertThat(buildroot(id)).containsEntry("state", 1);
        hostA.call("host.setBuildRootState", id, 2);
        assertThat(buildroot(id)).containsEntry("state", 2);
        assertThat(fault(() -> hostA.call("host.setBuildRootState", id, "INIT")).getMessage())
                .isEqualTo("Cannot change buildroot state to INIT");
        assertThat(fault(() -> hostA.call("host.setBuildRootState", id, "DONE")).getMessage())
                .isEqualTo("Invalid buildroot state: 'DONE'");

        hostA.call("host.setBuildRootState", id, "EXPIRED");
        Map<String, Object> expired = buildroot(id);
        assertThat(expired).containsEntry("state", 3);
        int retired = (Integer) expired.get("retire_event_id");
        assertThat(retired).isGreaterThan(created);
        assertThat(map(admin.call("getEvent", retired)).get("ts")).isEqualTo(expired.get("retire_ts"));
        // Expiring again is quietly nothing (the retire event stays); any other change is refused.
        hostA.call("host.setBuildRootState", id, "EXPIRED");
        assertThat(buildroot(id)).containsEntry("retire_event_id", retired);
        assertThat(fault(() -> hostA.call("host.setBuildRootState", id, "BUILDING")).getMessage())
                .isEqualTo("buildroot " + id + " is EXPIRED");
    }

    @Test
    void aHostTouchesOnlyItsOwnBuildrootsThroughItsOwnTasks() {
        int taskA = openTask(hostA, "c-br-a");
        int otherA = openTask(hostA, "c-br-a");
        int taskB = openTask(hostB, "c-br-b");
        int id = newBuildRoot(hostA, taskA);

        // Another host's buildroot, even through its own open task.
        assertThat(fault(() -> hostB.call("host.setBuildRootState", id, "BUILDING")).getMessage())
                .isEqualTo("Host " + hostBId + " not owner of buildroot " + id);
        assertThat(fault(() -> hostB.callKw("host.setBuildRootState", List.of(id, "BUILDING"),
                Map.of("task_id", taskB))).code()).isEqualTo(1004);
        assertThat(fault(() -> hostB.call("host.setBuildRootList", id, List.of())).code()).isEqualTo(1004);
        // A task that is not the host's: for a new buildroot and for an existing one.
        assertThat(fault(() -> newBuildRoot(hostB, taskA)).getMessage())
                .isEqualTo("host " + hostBId + " does not own task " + taskA);
        assertThat(fault(() -> hostA.callKw("host.setBuildRootState", List.of(id, "BUILDING"),
                Map.of("task_id", taskB))).getMessage()).isEqualTo("host " + hostAId + " does not own task " + taskB);
        // The host's own task, but not the buildroot's.
        assertThat(fault(() -> hostA.callKw("host.setBuildRootState", List.of(id, "BUILDING"),
                Map.of("task_id", otherA))).getMessage())
                .isEqualTo("Task " + otherA + " does not have lock on buildroot " + id);
        // A canceled task is no longer the host's to use.
        admin.call("cancelTask", otherA);
        assertThat(fault(() -> newBuildRoot(hostA, otherA)).code()).isEqualTo(1004);
        assertThat(buildroot(id)).containsEntry("state", 0);

        // Not a host, not logged in, no task, no such repo, no such buildroot.
        assertThat(fault(() -> admin.callKw("host.newBuildRoot", List.of(repo, "x86_64"),
                Map.of("task_id", taskA))).code()).isEqualTo(1002);
        assertThat(fault(() -> hub.client(Encoding.JSON).call("host.setBuildRootState", id, "BUILDING")).code())
                .isEqualTo(1002);
        assertThat(fault(() -> hostA.call("host.newBuildRoot", repo, "x86_64")).getMessage())
                .isEqualTo("A standard buildroot needs the task_id of a task open on this host");
        assertThat(fault(() -> hostA.callKw("host.newBuildRoot", List.of(999_999, "x86_64"),
                Map.of("task_id", taskA))).getMessage()).isEqualTo("No such repo: 999999");
        assertThat(fault(() -> hostA.callKw("host.newBuildRoot", List.of(repo, "x86/64"),
                Map.of("task_id", taskA))).getMessage()).isEqualTo("Architecture can be only [a-zA-Z0-9_-]");
        assertThat(fault(() -> hostA.call("host.setBuildRootState", 999_999, "BUILDING")).getMessage())
                .isEqualTo("no buildroot with ID: 999999");
        assertThat(admin.call("getBuildroot", 999_999)).isNull();
        assertThat(fault(() -> admin.call("getBuildroot", 999_999, true)).getMessage())
                .isEqualTo("No such buildroot: 999999");
    }

    @Test
    void listingsRecordInternalAndExternalRpmsAndUpdates() {
        int gcc = internalRpm("br-gcc", 'a');
        int make = internalRpm("br-make", 'b');
        admin.call("createExternalRepo", "br-ext", "http://example.com/repo/");
        int task = openTask(hostA, "c-br-a");
        int id = newBuildRoot(hostA, task);

        Map<String, Object> byNvra = rpm("br-gcc", "x86_64", 'a');
        Map<String, Object> external = rpm("br-glibc", "x86_64", 'c');
        external.put("location", "br-ext");
        external.put("external_repo", "br-ext");
        // Only while INIT for the initial list; an update needs BUILDING.
        assertThat(fault(() -> hostA.callKw("host.updateBuildRootList", List.of(id, List.of(byNvra)),
                Map.of("task_id", task))).getMessage()).isEqualTo("buildroot " + id + " in wrong state 0");
        hostA.callKw("host.setBuildRootList", List.of(id, List.of(byNvra, external)), Map.of("task_id", task));

        List<Map<String, Object>> listing = rows(admin.call("getBuildrootListing", id));
        assertThat(listing).extracting(r -> r.get("name")).containsExactly("br-gcc", "br-glibc");
        assertThat(listing.get(0)).containsEntry("rpm_id", gcc).containsEntry("is_update", false)
                .containsEntry("external_repo_id", 0).containsEntry("external_repo_name", "INTERNAL")
                .containsEntry("arch", "x86_64").containsEntry("draft", false);
        Map<String, Object> glibc = map(admin.call("getRPM", "br-glibc-1.0-1.x86_64@br-ext"));
        assertThat(glibc).containsEntry("build_id", null).containsEntry("draft", null)
                .containsEntry("external_repo_name", "br-ext").containsEntry("payloadhash", "c".repeat(32));
        assertThat(listing.get(1)).containsEntry("rpm_id", glibc.get("id"))
                .containsEntry("external_repo_name", "br-ext").containsEntry("build_id", null);

        hostA.call("host.setBuildRootState", id, "BUILDING");
        assertThat(fault(() -> hostA.call("host.setBuildRootList", id, List.of())).getMessage())
                .isEqualTo("buildroot " + id + " in wrong state 2");
        // A second sighting of the external rpm reuses its row; a changed hash is refused.
        Map<String, Object> changed = new LinkedHashMap<>(external);
        changed.put("payloadhash", "d".repeat(32));
        assertThat(fault(() -> hostA.call("host.updateBuildRootList", id, List.of(changed))).getMessage())
                .isEqualTo("hash changed for external rpm: br-glibc-1.0-1.x86_64@br-ext (" + "c".repeat(32)
                        + " -> " + "d".repeat(32) + ")");
        assertThat(fault(() -> hostA.call("host.updateBuildRootList", id,
                List.of(rpm("br-nosuch", "x86_64", 'e')))).getMessage()).startsWith("No such rpm: ");
        hostA.call("host.updateBuildRootList", id, List.of(Map.of("id", make), byNvra, external));
        listing = rows(admin.call("getBuildrootListing", id));
        assertThat(listing).extracting(r -> r.get("name") + ":" + r.get("is_update"))
                .containsExactly("br-gcc:false", "br-make:true", "br-glibc:false");
        assertThat((List<?>) admin.call("listRPMs", null, null, null, null, null, null, Map.of("order", "name")))
                .filteredOn(r -> "br-glibc".equals(map(r).get("name"))).hasSize(1);

        // listRPMs(componentBuildrootID=...) and listBuildroots(rpmID=...) read the listing.
        List<Map<String, Object>> components = rows(admin.callKw("listRPMs", List.of(),
                Map.of("componentBuildrootID", id)));
        assertThat(components).extracting(r -> r.get("name") + ":" + r.get("component_buildroot_id") + ":"
                + r.get("is_update")).containsExactlyInAnyOrder("br-gcc:" + id + ":false",
                "br-make:" + id + ":true", "br-glibc:" + id + ":false");
        assertThat(rows(admin.callKw("listBuildroots", List.of(), Map.of("rpmID", make))))
                .extracting(r -> r.get("id")).containsExactly(id);
        assertThat(map(hub.client(Encoding.JSON).call("getBuildroot", id))).containsEntry("state", 2)
                .containsEntry("host_name", "br-a");
    }

    @Test
    void listBuildrootsFilters() {
        int tag2 = (Integer) admin.call("createTag", "br-other");
        int repo2 = TestRepos.create(hub.jdbcUrl(), "br-other");
        int taskA = openTask(hostA, "c-br-a");
        int taskB = openTask(hostB, "c-br-b");
        int a1 = newBuildRoot(hostA, taskA);
        int a2 = (Integer) hostA.callKw("host.newBuildRoot", List.of(repo2, "noarch"), Map.of("task_id", taskA));
        int b1 = newBuildRoot(hostB, taskB);
        hostA.call("host.setBuildRootState", a2, "BUILDING");
        hostB.call("host.setBuildRootState", b1, "EXPIRED");

        assertThat(ids(Map.of("taskID", taskA))).containsExactly(a1, a2);
        assertThat(ids(Map.of("hostID", hostBId, "taskID", taskB))).containsExactly(b1);
        assertThat(ids(Map.of("tagID", tag2))).containsExactly(a2);
        assertThat(ids(Map.of("repoID", repo2))).containsExactly(a2);
        assertThat(ids(Map.of("taskID", taskA, "state", 0))).containsExactly(a1);
        assertThat(ids(Map.of("buildrootID", List.of(a1, b1)))).containsExactly(a1, b1);
        assertThat(ids(Map.of("buildrootID", List.of(a1, a2, b1), "state", List.of(2, 3)))).containsExactly(a2, b1);
        assertThat(ids(Map.of("taskID", taskA, "repoID", repo2))).containsExactly(a2);
        assertThat(ids(Map.of("taskID", taskB, "repoID", repo2))).isEmpty();
        assertThat(ids(Map.of("rpmID", 999_999))).isEmpty();
        assertThat(ids(Map.of("archiveID", 999_999))).isEmpty();
        assertThat(rows(admin.callKw("listBuildroots", List.of(), Map.of("taskID", taskA,
                "queryOpts", Map.of("order", "-id", "limit", 1))))).extracting(r -> r.get("id")).containsExactly(a2);
        assertThat(admin.callKw("listBuildroots", List.of(), Map.of("taskID", taskA,
                "queryOpts", Map.of("countOnly", true)))).isEqualTo(2);
        Map<String, Object> noarch = buildroot(a2);
        assertThat(noarch).containsEntry("arch", "noarch").containsEntry("tag_name", "br-other")
                .containsEntry("repo_id", repo2).containsEntry("state", 2);
    }

    private static List<Object> ids(Map<String, Object> filters) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> r : rows(admin.callKw("listBuildroots", List.of(), filters))) {
            out.add(r.get("id"));
        }
        return out;
    }
}
