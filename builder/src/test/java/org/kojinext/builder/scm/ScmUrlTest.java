package org.kojinext.builder.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kojinext.protocol.KojiFault;

class ScmUrlTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // url | scheme | user | host | repository | module | revision | git url
        "git+https://src.example.org/rpms/foo.git?sub/dir#abc123 | git+https:// | NULL | src.example.org | /rpms/foo.git | sub/dir | abc123 | https://src.example.org/rpms/foo.git",
        "git://pkgs.example.org/rpms/foo#main | git:// | NULL | pkgs.example.org | /rpms/foo | '' | main | git://pkgs.example.org/rpms/foo",
        "git+ssh://builder@pkgs.example.org/rpms/foo.git#v1.0 | git+ssh:// | builder | pkgs.example.org | /rpms/foo.git | '' | v1.0 | ssh://builder@pkgs.example.org/rpms/foo.git",
        "git+file:///srv/git/foo.git?pkg#origin/feature-x | git+file:// | NULL | '' | /srv/git/foo.git | pkg | origin/feature-x | file:///srv/git/foo.git",
        "git+https://h.example:8443//a/./b//c/?x/./y/#r | git+https:// | NULL | h.example:8443 | /a/b/c | x/y | r | https://h.example:8443/a/b/c",
    })
    void parsesKojiScmUrls(String url, String scheme, String user, String host, String repository, String module,
            String revision, String gitUrl) {
        ScmUrl u = ScmUrl.parse(url);
        assertThat(u.scheme()).isEqualTo(scheme);
        assertThat(u.user()).isEqualTo(user);
        assertThat(u.host()).isEqualTo(host);
        assertThat(u.repository()).isEqualTo(repository);
        assertThat(u.module()).isEqualTo(module);
        assertThat(u.revision()).isEqualTo(revision);
        assertThat(u.gitUrl()).isEqualTo(gitUrl);
        assertThat(u.isLocal()).isEqualTo(host.isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "git+https://h.example/foo.git | No revision (#ref) in SCM url",
        "git+https://h.example/foo.git# | No revision (#ref) in SCM url",
        "git+https://h.example/foo.git?sub | No revision (#ref) in SCM url",
        "https://h.example/foo.git#main | Invalid scheme in scm url",
        "svn://h.example/foo#1 | Invalid scheme in scm url",
        "ext::sh%20-c%20touch%20/tmp/pwned#main | Invalid scheme in scm url",
        "git+https://h.example/foo.git#-uploadpack=touch | must not start with '-'",
        "git+https://h.example/foo.git#--output=/etc/x | must not start with '-'",
        "git+https://h.example/foo.git#a..b | Invalid revision",
        "git+https://h.example/foo.git#ref:other | Invalid revision",
        "git+https://h.example/foo.git#a;b | Invalid revision",
        "git+https://-oProxyCommand=x/foo.git#main | Invalid host",
        "git+ssh://-oProxyCommand=touch@h.example/foo.git#main | Invalid username",
        "git+https://user:secret@h.example/foo.git#main | username:password format not supported",
        "git+https://h.example/../etc/foo.git#main | '..' in path",
        "git+https://h.example/a/../../b#main | '..' in path",
        "git+https://h.example/foo.git?../../etc#main | '..' in subdir",
        "git+https://h.example/foo.git?a/../..#main | '..' in subdir",
        "git+https://h.example/foo.git?-rf#main | Invalid character in SCM url subdir",
        "git+https://h.example/foo;param#main | Invalid character in SCM url path",
        "git+https://h.example/foo$(id)#main | Invalid character in SCM url path",
        "git+https://h.example#main | Could not find the path element",
        "git+https://h.example/#main | Could not find the path element",
        "git+file://host/srv/foo.git#main | names no host",
    })
    void rejectsWhatKojiRejects(String url, String message) {
        assertThatThrownBy(() -> ScmUrl.parse(url)).isInstanceOf(KojiFault.class).hasMessageContaining(message)
                .extracting(e -> ((KojiFault) e).faultName()).isEqualTo("GenericError");
    }

    @org.junit.jupiter.api.Test
    void rejectsWhitespaceAndControlCharacters() {
        assertThatThrownBy(() -> ScmUrl.parse("git+https://h.example/foo.git#main --upload-pack=x"))
                .hasMessageContaining("whitespace or control character");
        assertThatThrownBy(() -> ScmUrl.parse("git+https://h.example/foo\n.git#main"))
                .hasMessageContaining("\\u000a");
    }

    @org.junit.jupiter.api.Test
    void namesTheCheckoutAndPinsTheCommit() {
        ScmUrl u = ScmUrl.parse("git+https://h.example/rpms/foo.git?pkg#main");
        assertThat(u.checkoutName()).isEqualTo("foo");
        assertThat(ScmUrl.parse("git://h.example/rpms/bar/.git#main").checkoutName()).isEqualTo("bar");
        assertThat(u.withRevision("0123abcd")).isEqualTo("git+https://h.example/rpms/foo.git?pkg#0123abcd");
        assertThat(u.gitProtocol()).isEqualTo("https");
    }
}
