package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/** Who may ask for builds and tagging, and who may make the host calls of the build flow. */
class BuildingAccessTest {
    @Test
    void anonymousCallersCannotBuildOrTagAndUsersCannotMakeHostCalls() {
        try (TestHub hub = TestHub.start()) {
            KojiClient anonymous = hub.client(Encoding.XML);
            for (Runnable call : List.<Runnable>of(
                    () -> anonymous.call("build", "git+https://example.com/x.git#main", "t"),
                    () -> anonymous.call("chainBuild", List.of(List.of("git+https://example.com/x.git#main")), "t"),
                    () -> anonymous.call("tagBuild", "t", "x-1-1"),
                    () -> anonymous.call("moveBuild", "a", "b", "x-1-1"))) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(KojiFault.class,
                        f -> assertThat(f.faultName()).isEqualTo("ActionNotAllowed"));
            }
            KojiClient admin = hub.admin(Encoding.XML);
            for (Runnable call : List.<Runnable>of(
                    () -> admin.call("host.tagBuild", 1, "t", "x-1-1"),
                    () -> admin.call("host.tagNotification", true, 1, null, 1, 1),
                    () -> admin.call("host.moveBuildToScratch", 1, "tasks/1/1/x.src.rpm", List.of()))) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(KojiFault.class,
                        f -> assertThat(f.faultName()).isEqualTo("AuthError"));
            }
            // Bad input gets Koji's faults, not internal errors.
            assertThatThrownBy(() -> admin.call("build", 42, "t")).isInstanceOfSatisfying(KojiFault.class,
                    f -> assertThat(f.faultName()).isEqualTo("ParameterError"));
            // Only admins may raise a build's priority (a negative relative priority).
            admin.callKw("createUser", List.of("packager"), Map.of("password", "pw"));
            KojiClient packager = hub.client(Encoding.XML);
            packager.login("packager", "pw");
            assertThatThrownBy(() -> packager.callKw("build", List.of("git+https://example.com/x.git#main", "t"),
                    Map.of("priority", -5))).isInstanceOfSatisfying(KojiFault.class, f -> {
                        assertThat(f.faultName()).isEqualTo("ActionNotAllowed");
                        assertThat(f.getMessage()).isEqualTo("only admins may create high-priority tasks");
                    });
            assertThatThrownBy(() -> admin.call("tagBuild", "no-such-tag", "no-such-build-1-1"))
                    .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.faultName()).isEqualTo("GenericError"));
        }
    }
}
