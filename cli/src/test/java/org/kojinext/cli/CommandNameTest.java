package org.kojinext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandNameTest {
    @Test
    void skipsGlobalOptionsAndTheirValues() {
        assertThat(CommandName.of("hello")).isEqualTo("hello");
        assertThat(CommandName.of("-p", "stg", "--noauth", "list-hosts", "--quiet")).isEqualTo("list-hosts");
        assertThat(CommandName.of("--server", "http://x/kojihub", "-d", "userinfo", "bob")).isEqualTo("userinfo");
        assertThat(CommandName.of("--server=http://x/kojihub", "--user", "hello", "version")).isEqualTo("version");
        assertThat(CommandName.of("--help")).isNull();
        assertThat(CommandName.of()).isNull();
    }

    @Test
    void aRunRegistersOnlyItsCommandUnlessItNeedsTheTree() {
        assertThat(KojiNextCli.commandLine(new KojiNextCli(), "--noauth", "hostinfo", "x").getSubcommands().keySet())
                .containsExactly("hostinfo");
        assertThat(KojiNextCli.commandLine(new KojiNextCli(), "hello").getSubcommands().keySet())
                .containsExactlyInAnyOrder("moshimoshi", "hello");
        assertThat(KojiNextCli.commandLine(new KojiNextCli(), "completion").getSubcommands()).hasSizeGreaterThan(10);
        assertThat(KojiNextCli.commandLine(new KojiNextCli(), "no-such-command").getSubcommands()).hasSizeGreaterThan(10);
    }
}
