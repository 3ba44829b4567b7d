package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.hub.testing.Replies;

/**
 * newRepo end to end through the shipped builder: host.repoInit writes the tag's latest builds
 * (inherited, blocked ones left out, noarch in every arch), createrepo_c makes the repodata, and
 * host.repoDone makes the repository READY and the tag's latest.
 */
class NewRepoTest {

    @Test
    void aTagsLatestBuildsBecomeAReadyRepository(@TempDir Path tmp) throws Exception {
        try (RepoFixture f = new RepoFixture(tmp)) {
            var admin = f.admin;
            admin.call("createTag", "nr-parent");
            admin.callKw("createTag", List.of("nr-build"), Map.of("parent", "nr-parent", "arches", "x86_64"));
            for (String pkg : List.of("nr-noarch", "nr-arch", "nr-blocked", "nr-inherited")) {
                admin.call("packageListAdd", "nr-parent", pkg, "kojiadmin");
            }
            admin.call("packageListBlock", "nr-build", "nr-blocked");
            admin.call("groupListAdd", "nr-build", "build");
            admin.call("groupPackageListAdd", "nr-build", "build", "bash");
            admin.call("groupPackageListAdd", "nr-build", "build", "a<b&c");
            f.importBuild("nr-noarch", true);
            f.importBuild("nr-arch", false);
            f.importBuild("nr-blocked", true);
            f.importBuild("nr-inherited", true);
            admin.call("tagBuildBypass", "nr-build", "nr-noarch-1.0-1");
            admin.call("tagBuildBypass", "nr-build", "nr-arch-1.0-1");
            admin.call("tagBuildBypass", "nr-build", "nr-blocked-1.0-1");
            admin.call("tagBuildBypass", "nr-parent", "nr-inherited-1.0-1");
            f.startBuilder("nr-builder", null);

            int task = (Integer) admin.call("newRepo", "nr-build");
            assertThat(f.finished(task)).as("newRepo task state").isEqualTo(2);
            List<?> result = (List<?>) admin.call("getTaskResult", task);
            int repoId = (Integer) result.get(0);

            Map<String, Object> info = Replies.map(admin.call("repoInfo", repoId));
            assertThat(info).containsEntry("state", 1).containsEntry("tag_name", "nr-build")
                    .containsEntry("task_id", task).containsEntry("create_event", result.get(1))
                    .containsEntry("task_state", 2);
            assertThat(Replies.map(admin.call("getRepo", "nr-build")).get("id")).isEqualTo(repoId);
            assertThat(Replies.map(admin.call("repo.get", "nr-build")).get("id")).isEqualTo(repoId);

            Map<String, String> pkgs = f.primary(repoId, "nr-build", "x86_64");
            assertThat(pkgs).containsOnlyKeys("nr-noarch.noarch", "nr-arch.x86_64", "nr-arch-data.noarch",
                    "nr-inherited.noarch");
            assertThat(pkgs.get("nr-arch.x86_64")).isEqualTo("toplink/packages/nr-arch/1.0/1/x86_64/nr-arch-1.0-1.x86_64.rpm");
            assertThat(pkgs.get("nr-inherited.noarch"))
                    .isEqualTo("toplink/packages/nr-inherited/1.0/1/noarch/nr-inherited-1.0-1.noarch.rpm");

            Path repodir = f.topdir.resolve("repos/nr-build/" + repoId);
            assertThat(Files.readSymbolicLink(repodir.resolveSibling("latest"))).isEqualTo(Path.of(String.valueOf(repoId)));
            assertThat(Files.readString(repodir.resolve("x86_64/blocklist"))).isEqualTo("nr-blocked\n");
            assertThat(repodir.resolve("x86_64/toplink/packages/nr-arch/1.0/1/x86_64/nr-arch-1.0-1.x86_64.rpm"))
                    .isRegularFile();
            String comps = Files.readString(repodir.resolve("groups/comps.xml"));
            assertThat(comps).contains("<id>build</id>").contains("<packagereq type=\"mandatory\">bash</packagereq>")
                    .contains(">a&lt;b&amp;c</packagereq>");
            assertThat(Files.readString(repodir.resolve("repo.json"))).contains("\"tag\":\"nr-build\"")
                    .contains("\"task_id\":" + task);
            // createrepo_c was given the comps: the repodata carries it as the group file.
            try (var s = Files.list(repodir.resolve("x86_64/repodata"))) {
                assertThat(s.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.endsWith("comps.xml"));
            }

            // A second repository replaces the first as latest; the first expires.
            int again = (Integer) admin.call("newRepo", "nr-build");
            assertThat(f.finished(again)).isEqualTo(2);
            int second = (Integer) ((List<?>) admin.call("getTaskResult", again)).get(0);
            assertThat(Files.readSymbolicLink(repodir.resolveSibling("latest"))).isEqualTo(Path.of(String.valueOf(second)));
            assertThat(Replies.map(admin.call("repoInfo", repoId))).containsEntry("state", 2);
            assertThat(Replies.map(admin.call("getRepo", "nr-build")).get("id")).isEqualTo(second);
        }
    }
}
