package org.kojinext.builder.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kojinext.protocol.KojiFault;

class AllowedScmsTest {
    private static ScmUrl url(String s) {
        return ScmUrl.parse(s);
    }

    @Test
    void firstMatchingEntryWinsWithItsOptions() {
        AllowedScms allowed = AllowedScms.parse("""
                pkgs.example.org:/rpms/*:no:fedpkg,sources
                *.example.org:/rpms/*
                git.example.com:/*:yes:
                """);
        AllowedScms.Allowance a = allowed.check(url("git+https://pkgs.example.org/rpms/foo.git#main"));
        assertThat(a.useCommon()).isFalse();
        assertThat(a.sourceCmd()).containsExactly("fedpkg", "sources");

        AllowedScms.Allowance b = allowed.check(url("git://mirror.example.org/rpms/foo#main"));
        assertThat(b.useCommon()).isTrue();
        assertThat(b.sourceCmd()).containsExactly("make", "sources");

        AllowedScms.Allowance c = allowed.check(url("git://git.example.com/any/deep/repo.git#main"));
        assertThat(c.sourceCmd()).as("empty source_cmd means none").isNull();
    }

    @Test
    void denyEntryBeforeAllowStopsTheMatch() {
        AllowedScms allowed = AllowedScms.parse("!pkgs.example.org:/rpms/secret* pkgs.example.org:*");
        assertThat(allowed.check(url("git://pkgs.example.org/rpms/public#main"))).isNotNull();
        assertThatThrownBy(() -> allowed.check(url("git://pkgs.example.org/rpms/secret-thing#main")))
                .isInstanceOf(KojiFault.class)
                .hasMessageContaining("pkgs.example.org:/rpms/secret-thing is not in the list of allowed SCMs")
                .hasMessageContaining("denied by !pkgs.example.org:/rpms/secret*")
                .extracting(e -> ((KojiFault) e).faultName()).isEqualTo("BuildError");
    }

    @Test
    void unmatchedUrlNamesHostAndPath() {
        AllowedScms allowed = AllowedScms.parse("pkgs.example.org:/rpms/*");
        assertThatThrownBy(() -> allowed.check(url("git+https://evil.example.net/rpms/foo.git#main")))
                .hasMessage("evil.example.net:/rpms/foo.git is not in the list of allowed SCMs");
        assertThatThrownBy(() -> allowed.check(url("git://pkgs.example.org/other/foo#main")))
                .hasMessageContaining("pkgs.example.org:/other/foo");
        assertThatThrownBy(() -> AllowedScms.parse("").check(url("git://pkgs.example.org/rpms/foo#main")))
                .hasMessageContaining("not in the list of allowed SCMs");
    }

    @Test
    void globsAreFnmatchStyle() {
        AllowedScms allowed = AllowedScms.parse("src?.example.org:/rpms/[a-f]* src[!0-9].example.org:/x/*.git");
        assertThat(allowed.check(url("git://src1.example.org/rpms/bar#m"))).isNotNull();
        assertThatThrownBy(() -> allowed.check(url("git://src1.example.org/rpms/zed#m"))).isInstanceOf(KojiFault.class);
        assertThatThrownBy(() -> allowed.check(url("git://src12.example.org/rpms/bar#m"))).isInstanceOf(KojiFault.class);
        assertThat(allowed.check(url("git://srcx.example.org/x/a/b.git#m"))).as("'*' crosses '/' as in fnmatch")
                .isNotNull();
        assertThatThrownBy(() -> allowed.check(url("git://src5.example.org/x/a.git#m"))).isInstanceOf(KojiFault.class);
    }

    @Test
    void localFileUrlsNeedAnEntryWithEmptyHost() {
        ScmUrl local = url("git+file:///srv/git/foo.git#main");
        assertThatThrownBy(() -> AllowedScms.parse("*:*").check(local))
                .hasMessageContaining(":/srv/git/foo.git is not in the list of allowed SCMs")
                .hasMessageContaining("empty host");
        assertThat(AllowedScms.parse("*:* :/srv/git/*:no:").check(local).useCommon()).isFalse();
        assertThatThrownBy(() -> AllowedScms.parse(":/home/* !:/srv/git/foo* :/srv/git/*").check(local))
                .hasMessageContaining("denied by !:/srv/git/foo*");
        assertThatThrownBy(() -> AllowedScms.parse(":/srv/git/*").check(url("git://srv/git/foo.git#main")))
                .as("an empty host entry does not match remote hosts").isInstanceOf(KojiFault.class);
    }

    @Test
    void malformedEntriesAreSkipped() {
        AllowedScms allowed = AllowedScms.parse("nocolon   pkgs.example.org:/rpms/*");
        assertThat(allowed.check(url("git://pkgs.example.org/rpms/foo#main")).sourceCmd())
                .isEqualTo(List.of("make", "sources"));
    }
}
