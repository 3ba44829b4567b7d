package org.kojinext.hub.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.builds.BuildFixtures.rows;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

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

/** Archive types, btypes, importArchiveInfo and the archive reads. */
class ArchiveApiTest {
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

    private static Map<String, Object> file(String filename, String btype) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("filename", filename);
        f.put("size", 4096);
        f.put("sha256", RpmApiTest.sha256(filename));
        f.put("btype", btype);
        return f;
    }

    @Test
    void theArchiveTypeComesFromTheLongestKnownExtension() {
        assertThat(map(admin.call("getArchiveType", "disk.tar.gz"))).containsEntry("name", "tar");
        assertThat(map(admin.call("getArchiveType", "comps.XML.gz"))).containsEntry("name", "xmlcompressed");
        assertThat(map(admin.call("getArchiveType", "x.raw.xz"))).containsEntry("name", "raw-xz");
        assertThat(admin.call("getArchiveType", "x.unknown")).isNull();
        assertThat(fault(() -> admin.callKw("getArchiveType", List.of("x.unknown"), Map.of("strict", true)))
                .getMessage()).isEqualTo("unsupported file extension: x.unknown");
        Map<String, Object> jar = map(admin.callKw("getArchiveType", List.of(), Map.of("type_name", "jar")));
        assertThat(jar.keySet()).containsExactly("id", "name", "description", "extensions", "compression_type");
        assertThat(jar).containsEntry("compression_type", "zip");
        assertThat(admin.callKw("getArchiveType", List.of(), Map.of("type_id", jar.get("id")))).isEqualTo(jar);
        assertThat(fault(() -> admin.call("getArchiveType")).getMessage())
                .isEqualTo("one of filename, type_name, or type_id must be specified");
        List<Map<String, Object>> types = rows(admin.call("getArchiveTypes"));
        assertThat(types).hasSizeGreaterThan(70);
        assertThat(types.get(0)).isEqualTo(jar);
    }

    @Test
    void btypesAreListedAndFiltered() {
        assertThat(rows(admin.call("listBTypes"))).extracting(r -> r.get("name"))
                .containsExactly("rpm", "maven", "win", "image");
        assertThat(rows(admin.call("listBTypes", Map.of("name", "image")))).hasSize(1)
                .first().satisfies(r -> assertThat(r.keySet()).containsExactly("id", "name"));
        assertThat(rows(admin.call("listBTypes", Map.of("name", "nope")))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anImportedArchiveIsListedWithItsTypeAndChecksum(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "img-" + enc.name().toLowerCase();
        int build = (Integer) c.call("createEmptyBuild", name, "1", "1", null);
        Map<String, Object> a = map(c.call("importArchiveInfo", build, file(name + ".qcow2.xz", "image")));
        assertThat(a.keySet()).containsExactly("id", "type_id", "btype_id", "btype", "build_id", "buildroot_id",
                "filename", "size", "checksum", "checksum_type", "metadata_only", "extra", "type_name",
                "type_description", "type_extensions", "compression_type");
        assertThat(a).containsEntry("build_id", build).containsEntry("btype", "image")
                .containsEntry("type_name", "qcow2-compressed").containsEntry("checksum_type", 2)
                .containsEntry("checksum", RpmApiTest.sha256(name + ".qcow2.xz")).containsEntry("size", 4096);
        assertThat(c.call("getArchive", a.get("id"))).isEqualTo(a);
        assertThat(rows(c.callKw("listArchives", List.of(), Map.of("buildID", build)))).containsExactly(a);
        assertThat(rows(c.callKw("listArchives", List.of(), Map.of("checksum", a.get("checksum"),
                "checksum_type", 2)))).containsExactly(a);
        assertThat(rows(c.callKw("listArchives", List.of(), Map.of("buildID", build, "filename", "other")))).isEmpty();
        assertThat(rows(c.callKw("listBuilds", List.of(), Map.of("type", "image", "prefix", name)))).hasSize(1);
    }

    @Test
    void badArchivesAndMissingOnesAreRefused() {
        int build = (Integer) admin.call("createEmptyBuild", "arch-bad", "1", "1", null);
        assertThat(fault(() -> admin.call("importArchiveInfo", build, file("x.weird", "image"))).getMessage())
                .isEqualTo("unsupported file extension: x.weird");
        Map<String, Object> bad = file("x.iso", "image");
        bad.put("sha256", "00");
        assertThat(fault(() -> admin.call("importArchiveInfo", build, bad)).getMessage()).startsWith("Invalid sha256");
        assertThat(fault(() -> admin.call("importArchiveInfo", build, file("x.iso", "nope"))).getMessage())
                .isEqualTo("Unsupported btype: nope");
        KojiClient anon = hub.client(Encoding.JSON);
        assertThat(fault(() -> anon.call("importArchiveInfo", build, file("y.iso", "image"))).code()).isIn(1002, 1004);
        assertThat(admin.call("getArchive", 999_999)).isNull();
        assertThat(fault(() -> admin.call("getArchive", 999_999, true)).getMessage()).isEqualTo("No such archive: 999999");
        assertThat(fault(() -> admin.callKw("listArchives", List.of(), Map.of("buildID", build, "strict", true)))
                .getMessage()).isEqualTo("No archives found.");
    }
}
