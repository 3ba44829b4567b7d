package org.kojinext.hub.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.testing.Replies.fault;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/** Host and channel methods over the wire: versioned host config and membership, Koji's errors. */
class HostChannelApiTest {
    private static TestHub hub;
    private static KojiClient admin;
    private static KojiClient bob;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        admin.callKw("createUser", List.of("bob"), Map.of("password", "pw"));
        bob = hub.client(Encoding.XML);
        bob.login("bob", "pw");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<Object> names(Object rows) {
        return ((List<?>) rows).stream().map(r -> map(r).get("name")).toList();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void addHostCreatesItsUserConfigAndDefaultChannel(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "b-" + enc.name().toLowerCase() + ".example";
        int id = (Integer) c.call("addHost", name, List.of("x86_64", "i686"));
        Map<String, Object> host = map(c.call("getHost", name));
        assertThat(host).containsEntry("id", id).containsEntry("name", name).containsEntry("arches", "x86_64 i686")
                .containsEntry("capacity", 2.0).containsEntry("enabled", true).containsEntry("ready", false)
                .containsEntry("task_load", 0.0).containsEntry("update_ts", null);
        assertThat(map(c.call("getUser", host.get("user_id")))).containsEntry("usertype", 1);
        assertThat(names(c.call("listChannels", id))).containsExactly("default");
        assertThat(fault(() -> c.call("addHost", name, List.of("x86_64"))).getMessage())
                .isEqualTo("host already exists: " + name);
        assertThat(c.call("getHost", "nope")).isNull();
        assertThat(fault(() -> c.call("getHost", "nope", true)).getMessage()).isEqualTo("Invalid hostInfo: nope");
    }

    @Test
    void aNormalUserBecomesAHostOnlyWithForce() {
        admin.call("createUser", "alsohost");
        assertThat(fault(() -> admin.call("addHost", "alsohost", List.of("x86_64"))).getMessage())
                .isEqualTo("user alsohost already exists and it is not a host");
        admin.callKw("addHost", List.of("alsohost", List.of("x86_64")), Map.of("force", true));
        assertThat(map(admin.call("getUser", "alsohost"))).containsEntry("usertype", 1);
    }

    @Test
    void editsAreVersioned() {
        int id = (Integer) admin.call("addHost", "edit.example", List.of("x86_64"));
        Map<String, Object> before = map(admin.call("getHost", id));
        assertThat(admin.callKw("editHost", List.of(id), Map.of("capacity", 8, "description", "big", "arches",
                "aarch64 x86_64"))).isEqualTo(true);
        assertThat(admin.callKw("editHost", List.of(id), Map.of("capacity", 8.0))).isEqualTo(false);
        assertThat(map(admin.call("getHost", id))).containsEntry("capacity", 8.0).containsEntry("description", "big")
                .containsEntry("arches", "aarch64 x86_64");
        admin.call("disableHost", "edit.example");
        assertThat(map(admin.call("getHost", id))).containsEntry("enabled", false).containsEntry("capacity", 8.0);
        assertThat(names(admin.callKw("listHosts", List.of(), Map.of("enabled", false)))).contains("edit.example");
        admin.call("enableHost", "edit.example");
        assertThat(names(admin.callKw("listHosts", List.of(), Map.of("enabled", false))))
                .doesNotContain("edit.example");
        assertThat(fault(() -> admin.call("enableHost", "ghost.example")).getMessage())
                .isEqualTo("host does not exist: ghost.example");
        assertThat(names(admin.callKw("listHosts", List.of(), Map.of("arches", List.of("aarch64")))))
                .containsExactly("edit.example");
        assertThat(admin.call("getAllArches")).asList().contains("aarch64", "x86_64");
        assertThat(admin.call("getLastHostUpdate", id)).isNull();
    }

    @Test
    void channelsAndMembership() {
        int ch = (Integer) admin.call("addChannel", "fast", "quick builders");
        assertThat(map(admin.call("getChannel", "fast"))).containsEntry("id", ch).containsEntry("enabled", true)
                .containsEntry("description", "quick builders");
        assertThat(fault(() -> admin.call("addChannel", "fast")).getMessage())
                .isEqualTo("channel fast already exists (id=" + ch + ")");
        admin.call("addHost", "member.example", List.of("x86_64"));
        admin.call("addHostToChannel", "member.example", "fast");
        assertThat(fault(() -> admin.call("addHostToChannel", "member.example", "fast")).getMessage())
                .isEqualTo("host member.example is already subscribed to the fast channel");
        assertThat(names(admin.callKw("listHosts", List.of(), Map.of("channelID", "fast"))))
                .containsExactly("member.example");
        admin.call("addHostToChannel", "member.example", "brand-new", true);
        assertThat(names(admin.call("listChannels", "member.example"))).containsExactly("default", "fast",
                "brand-new");
        admin.call("removeHostFromChannel", "member.example", "fast");
        assertThat(names(admin.call("listChannels", "member.example"))).containsExactly("default", "brand-new");
        assertThat(fault(() -> admin.call("removeHostFromChannel", "member.example", "fast")).getMessage())
                .isEqualTo("host member.example is not subscribed to the fast channel");

        admin.call("disableChannel", "fast", "maintenance");
        assertThat(map(admin.call("getChannel", ch))).containsEntry("enabled", false)
                .containsEntry("comment", "maintenance");
        assertThat(fault(() -> admin.call("addHostToChannel", "member.example", "fast")).getMessage())
                .isEqualTo("channel fast is disabled");
        assertThat(fault(() -> admin.callKw("makeTask", List.of("x", List.of()), Map.of("channel", "fast")))
                .getMessage()).isEqualTo("Channel fast is disabled.");
        assertThat(names(admin.callKw("listChannels", List.of(), Map.of("enabled", false)))).containsExactly("fast");
        admin.call("enableChannel", "fast");
        assertThat(admin.callKw("editChannel", List.of("fast"), Map.of("name", "faster"))).isEqualTo(true);
        assertThat(admin.call("getChannel", "fast")).isNull();

        assertThat(fault(() -> admin.call("removeChannel", "brand-new")).getMessage())
                .isEqualTo("channel brand-new has host references");
        admin.call("removeChannel", "brand-new", true);
        assertThat(admin.call("getChannel", "brand-new")).isNull();
        admin.callKw("makeTask", List.of("x", List.of()), Map.of("channel", "faster"));
        assertThat(fault(() -> admin.call("removeChannel", "faster")).getMessage())
                .isEqualTo("channel faster has task references");
    }

    @Test
    void permissionsAreChecked() {
        for (List<Object> call : List.<List<Object>>of(List.of("addHost", "x.example", List.of("x86_64")),
                List.of("addChannel", "c"), List.of("disableChannel", "default"), List.of("enableHost", "x"),
                List.of("removeChannel", "vm"))) {
            KojiFault f = fault(() -> bob.call((String) call.get(0), call.subList(1, call.size()).toArray()));
            assertThat(f.code()).as(call.get(0).toString()).isEqualTo(1004);
        }
        assertThat(names(hub.client(Encoding.XML).call("listChannels"))).contains("default", "createrepo");
    }
}
