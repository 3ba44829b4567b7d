package org.kojinext.hub.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.builds.BuildFixtures.rows;
import static org.kojinext.hub.db.jooq.Tables.RPM_CHECKSUM;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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

/** importRPMInfo and the rpm reads: getRPM, listRPMs, listBuildRPMs, getRPMChecksums. */
class RpmApiTest {
    private static TestHub hub;
    private static KojiClient admin;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** Header fields for an rpm; the file's SHA-256 is derived from the N-V-R.A, so it is unique. */
    static Map<String, Object> header(String name, String version, String release, String arch, char payload) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", name);
        h.put("version", version);
        h.put("release", release);
        h.put("epoch", null);
        h.put("arch", arch);
        h.put("payloadhash", String.valueOf(payload).repeat(32));
        h.put("size", 12345);
        h.put("buildtime", 1_700_000_000);
        h.put("sha256", sha256(name + "-" + version + "-" + release + "." + arch));
        return h;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final List<String> RPM_KEYS = List.of("id", "build_id", "buildroot_id", "name", "version",
            "release", "epoch", "arch", "draft", "external_repo_id", "external_repo_name", "payloadhash", "size",
            "buildtime", "metadata_only", "extra");
    private static final List<String> LIST_KEYS = List.of("id", "name", "version", "release", "nvr", "arch",
            "epoch", "draft", "payloadhash", "size", "buildtime", "build_id", "buildroot_id", "external_repo_id",
            "external_repo_name", "metadata_only", "extra");

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anImportedRpmIsStoredWithItsSha256AndReadBackInKojisShapes(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "tool-" + enc.name().toLowerCase();
        int build = (Integer) c.call("createEmptyBuild", name, "1.0", "1.fc40", null);
        Map<String, Object> hdr = header(name, "1.0", "1.fc40", "x86_64", 'A');
        hdr.put("extra", Map.of("source", "test"));
        Map<String, Object> rpm = map(c.call("importRPMInfo", build, hdr));
        c.call("importRPMInfo", name + "-1.0-1.fc40", header(name, "1.0", "1.fc40", "src", 'b'));
        int rpmId = (Integer) rpm.get("id");

        assertThat(rpm.keySet()).containsExactlyElementsOf(RPM_KEYS);
        assertThat(rpm).containsEntry("build_id", build).containsEntry("name", name).containsEntry("arch", "x86_64")
                .containsEntry("draft", false).containsEntry("external_repo_id", 0)
                .containsEntry("external_repo_name", "INTERNAL").containsEntry("payloadhash", "a".repeat(32))
                .containsEntry("size", 12345).containsEntry("buildtime", 1_700_000_000)
                .containsEntry("metadata_only", false).containsEntry("extra", Map.of("source", "test"));

        String sha = (String) hdr.get("sha256");
        var stored = BuildFixtures.sql(hub, db -> db.selectFrom(RPM_CHECKSUM).where(RPM_CHECKSUM.RPM_ID.eq(rpmId)).fetch());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getSigkey()).isEmpty();
        assertThat(stored.get(0).getChecksum()).isEqualTo(sha);
        assertThat(stored.get(0).getChecksumType()).isEqualTo((short) 2);

        assertThat(c.call("getRPM", rpmId)).isEqualTo(rpm);
        assertThat(c.call("getRPM", String.valueOf(rpmId))).isEqualTo(rpm);
        assertThat(c.call("getRPM", name + "-1.0-1.fc40.x86_64")).isEqualTo(rpm);
        assertThat(c.call("getRPM", name + "-1.0-1.fc40.x86_64.rpm@INTERNAL")).isEqualTo(rpm);
        assertThat(c.call("getRPM", Map.of("name", name, "version", "1.0", "release", "1.fc40", "arch", "x86_64")))
                .isEqualTo(rpm);
        assertThat(rows(c.callKw("getRPM", List.of(rpmId), Map.of("multi", true)))).containsExactly(rpm);

        List<Map<String, Object>> listed = rows(c.call("listBuildRPMs", name + "-1.0-1.fc40"));
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).keySet()).containsExactlyElementsOf(LIST_KEYS);
        assertThat(listed.get(0)).containsEntry("id", rpmId).containsEntry("nvr", name + "-1.0-1.fc40");
        assertThat(rows(c.callKw("listRPMs", List.of(), Map.of("buildID", build, "arches", "src"))))
                .extracting(r -> r.get("arch")).containsExactly("src");
        assertThat(rows(c.callKw("listRPMs", List.of(), Map.of("buildID", build, "arches", List.of("src", "x86_64"),
                "queryOpts", Map.of("order", "-id"))))).extracting(r -> r.get("arch")).containsExactly("src", "x86_64");
        assertThat(c.callKw("listRPMs", List.of(), Map.of("buildID", build, "queryOpts", Map.of("countOnly", true))))
                .isEqualTo(2);

        Map<String, Object> sums = map(c.call("getRPMChecksums", rpmId));
        assertThat(sums).containsOnlyKeys("");
        assertThat(map(sums.get(""))).containsEntry("sha256", sha).containsEntry("md5", null);
        assertThat(map(c.callKw("getRPMChecksums", List.of(rpmId), Map.of("checksum_types", List.of("sha256")))))
                .isEqualTo(Map.of("", Map.of("sha256", sha)));
    }

    @Test
    void badInputIsRefused() {
        int build = (Integer) admin.call("createEmptyBuild", "strict-rpm", "1", "1", null);
        Map<String, Object> hdr = header("strict-rpm", "1", "1", "noarch", 'c');
        hdr.put("sha256", "abc123");
        assertThat(fault(() -> admin.call("importRPMInfo", build, hdr)).getMessage())
                .startsWith("Invalid sha256: expected a SHA-256 digest as 64 hex digits");
        hdr.put("sha256", "g".repeat(64));
        assertThat(fault(() -> admin.call("importRPMInfo", build, hdr)).getMessage()).startsWith("Invalid sha256");
        Map<String, Object> badMd5 = header("strict-rpm", "1", "1", "noarch", 'z');
        assertThat(fault(() -> admin.call("importRPMInfo", build, badMd5)).getMessage()).startsWith("Invalid payloadhash");
        assertThat(fault(() -> admin.call("importRPMInfo", build, header("other", "1", "1", "src", 'c'))).getMessage())
                .isEqualTo("srpm mismatch for other-1-1.src.rpm: other-1-1.src.rpm (expected strict-rpm-1-1.src.rpm)");

        admin.call("importRPMInfo", build, header("strict-rpm", "1", "1", "noarch", 'c'));
        Map<String, Object> again = header("strict-rpm", "1", "1", "noarch", 'c');
        again.put("sha256", sha256("something else"));
        assertThat(fault(() -> admin.call("importRPMInfo", build, again)).getMessage())
                .startsWith("rpm already exists: strict-rpm-1-1.noarch (id=");
        assertThat(rows(admin.call("listBuildRPMs", build))).hasSize(1);

        assertThat(admin.call("getRPM", "strict-rpm-1-1.i686")).isNull();
        assertThat(fault(() -> admin.call("getRPM", "strict-rpm-1-1.i686", true)).getMessage())
                .isEqualTo("No such rpm: {'release': '1', 'version': '1', 'name': 'strict-rpm', 'epoch': '', "
                        + "'arch': 'i686', 'src': False}");
        assertThat(fault(() -> admin.call("getRPM", "strict-rpm-1-1.noarch@nowhere")).getMessage())
                .isEqualTo("No such entry in table external_repo: nowhere");
        assertThat(fault(() -> admin.call("listBuildRPMs", "strict-rpm-9-9")).getMessage())
                .isEqualTo("No such build: 'strict-rpm-9-9'");
        assertThat(fault(() -> admin.callKw("listRPMs", List.of(), Map.of("imageID", 1))).getMessage())
                .contains("archive_rpm_components");
        assertThat(fault(() -> admin.call("getRPMChecksums", 1, List.of("crc32"))).getMessage())
                .isEqualTo("Checksum_type crc32 isn't supported");
    }

    @Test
    void aNonAdminCannotImport() {
        int build = (Integer) admin.call("createEmptyBuild", "no-import", "1", "1", null);
        KojiClient anon = hub.client(Encoding.JSON);
        assertThat(fault(() -> anon.call("importRPMInfo", build, header("no-import", "1", "1", "noarch", 'f'))).code())
                .isIn(1002, 1004);
        admin.callKw("createUser", List.of("rpm-carol"), Map.of("password", "pw"));
        KojiClient carol = hub.client(Encoding.XML);
        carol.login("rpm-carol", "pw");
        assertThat(fault(() -> carol.call("importRPMInfo", build, header("no-import", "1", "1", "noarch", 'f'))).code())
                .isEqualTo(1004);
        assertThat(rows(anon.call("listBuildRPMs", build))).isEmpty();
    }

    @Test
    void rpmsOfADraftAreDraftAndANonDraftWinsTheLookup() {
        // A draft first: Koji refuses a draft whose target N-V-R is already a regular build.
        int draft = (Integer) admin.callKw("createEmptyBuild", List.of("overlap", "1", "1"),
                Map.of("epoch", 0, "draft", true));
        int regular = (Integer) admin.call("createEmptyBuild", "overlap", "1", "1", null);
        Map<String, Object> draftHdr = header("overlap", "1", "1", "noarch", 'e');
        draftHdr.put("sha256", sha256("draft copy"));
        Map<String, Object> d = map(admin.call("importRPMInfo", draft, draftHdr));
        assertThat(d).containsEntry("draft", true).containsEntry("release", "1");
        assertThat(map(admin.call("getRPM", "overlap-1-1.noarch"))).containsEntry("id", d.get("id"));

        Map<String, Object> r = map(admin.call("importRPMInfo", regular, header("overlap", "1", "1", "noarch", 'e')));
        assertThat(map(admin.call("getRPM", "overlap-1-1.noarch"))).containsEntry("id", r.get("id"));
        assertThat((List<?>) admin.callKw("getRPM", List.of("overlap-1-1.noarch"), Map.of("multi", true))).hasSize(2);
        assertThat(rows(admin.callKw("listRPMs", List.of(), Map.of("buildID", draft, "draft", false)))).isEmpty();
    }
}
