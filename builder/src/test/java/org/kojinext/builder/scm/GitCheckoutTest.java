package org.kojinext.builder.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.protocol.KojiFault;

class GitCheckoutTest {
    @TempDir
    Path tmp;

    private ScmUrl url(Path repo, String subdir, String ref) {
        return ScmUrl.parse("git+file://" + repo + (subdir == null ? "" : "?" + subdir) + "#" + ref);
    }

    @Test
    void checksOutTheRefAndFindsTheSpec() throws Exception {
        Path repo = TestRepos.packageRepo(tmp.resolve("hello-kn"));
        String v1 = TestRepos.git(repo, "rev-parse", "HEAD");
        // a later commit on main, so checking out v1 must really move the tree
        Files.writeString(repo.resolve("pkg/hello.sh"), "#!/bin/sh\necho changed\n");
        TestRepos.commitAll(repo, "change");

        GitCheckout.Result r = new GitCheckout().checkout(url(repo, "pkg", "v1"), tmp.resolve("scm"),
                tmp.resolve("logs/checkout.log"));
        assertThat(r.commit()).isEqualTo(v1);
        assertThat(r.specFile()).isEqualTo(tmp.resolve("scm/hello-kn/pkg/hello-kn.spec"));
        assertThat(Files.readString(r.sourceDir().resolve("hello.sh"))).contains("echo hello");
        assertThat(r.source()).isEqualTo("git+file://" + repo + "?pkg#" + v1);

        GitCheckout.Result head = new GitCheckout().checkout(url(repo, "pkg", "main"), tmp.resolve("scm2"),
                tmp.resolve("logs/checkout2.log"));
        assertThat(Files.readString(head.sourceDir().resolve("hello.sh"))).contains("echo changed");
        assertThat(head.commit()).isNotEqualTo(v1);
        GitCheckout.Result bySha = new GitCheckout().checkout(url(repo, "pkg", v1.substring(0, 12)),
                tmp.resolve("scm3"), tmp.resolve("logs/checkout3.log"));
        assertThat(bySha.commit()).isEqualTo(v1);
    }

    @Test
    void branchOtherThanDefaultResolvesFromOrigin() throws Exception {
        Path repo = TestRepos.packageRepo(tmp.resolve("hello-kn"));
        TestRepos.git(repo, "checkout", "-q", "-b", "feature");
        Files.writeString(repo.resolve("pkg/hello.sh"), "#!/bin/sh\necho feature\n");
        TestRepos.commitAll(repo, "feature");
        TestRepos.git(repo, "checkout", "-q", "main");
        GitCheckout.Result r = new GitCheckout().checkout(url(repo, "pkg", "feature"), tmp.resolve("scm"),
                tmp.resolve("checkout.log"));
        assertThat(Files.readString(r.sourceDir().resolve("hello.sh"))).contains("echo feature");
    }

    @Test
    void missingRefIsReportedClearly() throws Exception {
        Path repo = TestRepos.packageRepo(tmp.resolve("hello-kn"));
        Path log = tmp.resolve("checkout.log");
        assertThatThrownBy(() -> new GitCheckout().checkout(url(repo, "pkg", "no-such-branch"), tmp.resolve("scm"), log))
                .isInstanceOf(KojiFault.class).hasMessageStartingWith("missing git ref no-such-branch")
                .extracting(e -> ((KojiFault) e).faultName()).isEqualTo("BuildError");
        assertThat(Files.readString(log)).contains("missing git ref no-such-branch");
    }

    @Test
    void missingRepositoryFailsTheClone() {
        assertThatThrownBy(() -> new GitCheckout().checkout(url(tmp.resolve("nothing-here"), null, "main"),
                tmp.resolve("scm"), tmp.resolve("checkout.log")))
                .isInstanceOf(KojiFault.class).hasMessageContaining("Error running git clone");
    }

    @Test
    void noSpecFile() throws Exception {
        Path repo = TestRepos.packageRepo(tmp.resolve("hello-kn"));
        Files.createDirectories(repo.resolve("empty"));
        Files.writeString(repo.resolve("empty/README"), "nothing to build\n");
        TestRepos.commitAll(repo, "empty dir");
        assertThatThrownBy(() -> new GitCheckout().checkout(url(repo, "empty", "main"), tmp.resolve("scm"),
                tmp.resolve("checkout.log"))).hasMessageStartingWith("No spec file found");
        assertThatThrownBy(() -> new GitCheckout().checkout(url(repo, "absent", "main"), tmp.resolve("scm2"),
                tmp.resolve("checkout.log"))).hasMessageStartingWith("No directory absent");
    }

    @Test
    void twoSpecFilesAreAnErrorUnlessOneIsNamedAfterTheDirectory() throws Exception {
        Path repo = TestRepos.packageRepo(tmp.resolve("hello-kn"));
        Files.writeString(repo.resolve("pkg/other.spec"), TestRepos.SPEC.replace("hello-kn", "other"));
        TestRepos.commitAll(repo, "second spec");
        assertThatThrownBy(() -> new GitCheckout().checkout(url(repo, "pkg", "main"), tmp.resolve("scm"),
                tmp.resolve("checkout.log")))
                .hasMessageContaining("Multiple spec files found").hasMessageContaining("hello-kn.spec")
                .hasMessageContaining("other.spec");

        // without a subdir the source dir is the checkout, named after the repository
        Files.move(repo.resolve("pkg/hello-kn.spec"), repo.resolve("hello-kn.spec"));
        Files.move(repo.resolve("pkg/other.spec"), repo.resolve("other.spec"));
        TestRepos.commitAll(repo, "specs at top");
        GitCheckout.Result r = new GitCheckout().checkout(url(repo, null, "main"), tmp.resolve("scm2"),
                tmp.resolve("checkout.log"));
        assertThat(r.specFile().getFileName().toString()).isEqualTo("hello-kn.spec");
    }

    @Test
    void symlinkedSubdirLeadingOutOfTheCheckoutIsRefused() throws Exception {
        Path repo = TestRepos.packageRepo(tmp.resolve("hello-kn"));
        Files.createSymbolicLink(repo.resolve("escape"), Path.of("/etc"));
        TestRepos.commitAll(repo, "escape");
        assertThatThrownBy(() -> new GitCheckout().checkout(url(repo, "escape", "main"), tmp.resolve("scm"),
                tmp.resolve("checkout.log"))).hasMessageContaining("leads outside the checkout");
    }
}
