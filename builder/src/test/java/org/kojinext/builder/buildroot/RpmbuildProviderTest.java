package org.kojinext.builder.buildroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.builder.Commands;
import org.kojinext.builder.scm.GitCheckout;
import org.kojinext.builder.scm.ScmUrl;
import org.kojinext.builder.scm.TestRepos;
import org.kojinext.protocol.KojiFault;

class RpmbuildProviderTest {
    @TempDir
    Path tmp;

    private static String hostArch() throws Exception {
        Process p = new ProcessBuilder("rpm", "--eval", "%{_arch}").start();
        String arch = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return arch;
    }

    private GitCheckout.Result checkout() throws Exception {
        Path repo = TestRepos.packageRepo(tmp.resolve("hello-kn"));
        return new GitCheckout().checkout(ScmUrl.parse("git+file://" + repo + "?pkg#v1"), tmp.resolve("scm"),
                tmp.resolve("checkout.log"));
    }

    @Test
    void buildsTheSrpmThenTheRpmsForTheHostArch() throws Exception {
        GitCheckout.Result src = checkout();
        String arch = hostArch();

        // two providers and work dirs, as Koji runs buildSRPMFromSCM and buildArch as separate tasks
        RpmbuildProvider srpmRoot = new RpmbuildProvider();
        srpmRoot.prepare(tmp.resolve("task-srpm"));
        BuildrootProvider.Output s = srpmRoot.buildSrpm(src.specFile(), src.sourceDir());
        assertThat(s.srpm().getFileName().toString()).isEqualTo("hello-kn-1.0-1.src.rpm");
        assertThat(s.logs()).extracting(p -> p.getFileName().toString()).containsExactly("build.log");
        srpmRoot.cleanup();
        assertThat(s.srpm()).exists();

        RpmbuildProvider archRoot = new RpmbuildProvider();
        archRoot.prepare(tmp.resolve("task-arch"));
        BuildrootProvider.Output r = archRoot.rebuild(s.srpm(), arch);
        assertThat(r.rpms()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("hello-kn-1.0-1." + arch + ".rpm", "hello-kn-data-1.0-1.noarch.rpm");
        assertThat(r.srpms()).isEmpty();
        String log = Files.readString(r.logs().get(0));
        assertThat(log).contains("not hermetic").contains("--target " + arch);
        assertThat(log).contains(archRoot.isolated() ? "isolated with bubblewrap" : "NOT isolated");
        archRoot.cleanup();
        assertThat(tmp.resolve("task-arch/rpmbuild/BUILDROOT")).doesNotExist();
        assertThat(r.rpms()).allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void usesBubblewrapWhenPresentAndNoNetworkInside() throws Exception {
        RpmbuildProvider root = new RpmbuildProvider();
        root.prepare(tmp.resolve("task"));
        // bwrap is installed on this machine and in CI; this documents and checks that it is used.
        org.junit.jupiter.api.Assumptions.assumeTrue(Commands.find("bwrap", Commands.SAFE_PATH).isPresent());
        assertThat(root.isolated()).isTrue();
        Path spec = tmp.resolve("net/net.spec");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, """
                Name: net
                Version: 1
                Release: 1
                Summary: s
                License: MIT
                %description
                d
                %prep
                awk -F: 'NR>2{print $1}' /proc/net/dev | tr -d ' ' > %{_topdir}/ifaces.txt
                touch /usr/share/kojinext-write-test && echo WROTE-USR >> %{_topdir}/ifaces.txt || true
                exit 1
                """);
        // the %prep of -bs does not run; rebuild it to run %prep inside the sandbox
        BuildrootProvider.Output s = root.buildSrpm(spec, spec.getParent());
        assertThatThrownBy(() -> root.rebuild(s.srpm(), "noarch")).isInstanceOf(KojiFault.class);
        String ifaces = Files.readString(tmp.resolve("task/rpmbuild/ifaces.txt"));
        assertThat(ifaces.trim().split("\\s+")).as("only loopback in the network namespace").containsOnly("lo");
        assertThat(ifaces).doesNotContain("WROTE-USR");
    }

    @Test
    void noarchTargetBuildsANoarchPackage() throws Exception {
        Path spec = tmp.resolve("na/na.spec");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, """
                Name: na
                Version: 2
                Release: 3
                Summary: s
                License: MIT
                BuildArch: noarch
                %description
                d
                %install
                mkdir -p %{buildroot}/usr/share/na && echo x > %{buildroot}/usr/share/na/x
                %files
                /usr/share/na/x
                """);
        RpmbuildProvider root = new RpmbuildProvider();
        root.prepare(tmp.resolve("task"));
        Path srpm = root.buildSrpm(spec, spec.getParent()).srpm();
        assertThat(root.rebuild(srpm, "noarch").rpms()).extracting(p -> p.getFileName().toString())
                .containsExactly("na-2-3.noarch.rpm");
    }

    @Test
    void specErrorFailsWithTheLogTail() throws Exception {
        GitCheckout.Result src = checkout();
        Path broken = src.sourceDir().resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("broken.spec"),
                TestRepos.SPEC.replace("%install", "%install\necho KOJINEXT-MARKER-BEFORE-FAILURE\nfalse"));
        Files.copy(src.sourceDir().resolve("hello.sh"), broken.resolve("hello.sh"));
        RpmbuildProvider root = new RpmbuildProvider();
        root.prepare(tmp.resolve("task"));
        Path srpm = root.buildSrpm(broken.resolve("broken.spec"), broken).srpm();
        assertThatThrownBy(() -> root.rebuild(srpm, hostArch()))
                .isInstanceOf(KojiFault.class)
                .hasMessageStartingWith("error building package (arch " + hostArch() + "), rpmbuild exit 1")
                .hasMessageContaining("KOJINEXT-MARKER-BEFORE-FAILURE")
                .extracting(e -> ((KojiFault) e).faultName()).isEqualTo("BuildError");

        Files.writeString(broken.resolve("broken.spec"), "Name: broken\nThisIsNotATag: x\n");
        assertThatThrownBy(() -> root.buildSrpm(broken.resolve("broken.spec"), broken))
                .hasMessageStartingWith("error building srpm").hasMessageContaining("ThisIsNotATag");
    }

    @Test
    void refusesBadArchAndReusedWorkDir() throws Exception {
        RpmbuildProvider root = new RpmbuildProvider();
        root.prepare(tmp.resolve("task"));
        Path fake = Files.writeString(tmp.resolve("x.src.rpm"), "not an rpm");
        assertThatThrownBy(() -> root.rebuild(fake, "--eval=%(id)")).hasMessageContaining("Invalid arch");
        assertThatThrownBy(() -> new RpmbuildProvider().prepare(tmp.resolve("task")))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> new RpmbuildProvider(Duration.ofMinutes(1), tmp.toString()).prepare(tmp.resolve("t2")))
                .hasMessageContaining("rpmbuild is not installed");
        assertThat(List.of(root.name())).containsExactly("rpmbuild");
    }
}
