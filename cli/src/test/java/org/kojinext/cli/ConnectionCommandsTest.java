package org.kojinext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;

class ConnectionCommandsTest {
    static TestHub hub;
    static CliHarness cli;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        cli = CliHarness.admin(hub);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void helloGreetsTheLoggedInUserAndNamesTheHub() {
        CliHarness.Result r = cli.run("hello");
        assertThat(r.status()).as(r.toString()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).endsWith(", kojiadmin!");
        assertThat(lines[1]).isEmpty();
        assertThat(lines[2]).isEqualTo("You are using the hub at " + hub.url() + " (Koji 1.35.3)");
        assertThat(lines[3]).isEqualTo("Authenticated via password");
        assertThat(cli.run("moshimoshi").out()).contains("kojiadmin!");
    }

    @Test
    void helloWithNoauthIsAnonymous() {
        CliHarness.Result r = cli.run("--noauth", "hello");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Not authenticated\n").contains(", anonymous user!");
    }

    @Test
    void versionShowsClientAndHub() {
        CliHarness.Result r = cli.run("version");
        assertThat(r.out()).isEqualTo("Client: " + org.kojinext.cli.commands.connection.VersionCommand.CLIENT_VERSION
                + "\nHub:    1.35.3\n");
    }

    @Test
    void listApiPrintsEveryMethodSortedWithArgsAndDoc() {
        CliHarness.Result r = cli.run("list-api");
        assertThat(r.status()).isZero();
        List<String> names = r.out().lines().filter(l -> l.matches("^[\\w.]+\\(.*")).map(l -> l.replaceAll("\\(.*", "")).toList();
        assertThat(names).contains("getTag", "listTags", "host.openTask", "hello").isSorted();
        assertThat(r.out()).contains("\ngetTag(tagInfo, ");
        assertThat(cli.run("list-api", "getTag").out()).startsWith("getTag(tagInfo");
        CliHarness.Result unknown = cli.run("list-api", "noSuchMethod");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("Usage: kojinext list-api [options] [method_name]\n"
                + "(Specify the --help global option for a list of other help options)\n\n"
                + "kojinext: error: Unknown method: noSuchMethod\n");
        assertThat(cli.run("list-api", "--help").out()).contains("--json").contains("-h, --help");
    }

    @Test
    void callPassesPositionalAndKeywordArgumentsAndPrettyPrints() {
        assertThat(cli.run("call", "createTag", "cli-call-tag", "arches=x86_64").status()).isZero();
        CliHarness.Result r = cli.run("call", "getTag", "cli-call-tag");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("{'arches': 'x86_64',").contains("'name': 'cli-call-tag'");
        CliHarness.Result json = cli.run("call", "--json-output", "getTag", "cli-call-tag");
        assertThat(json.out()).startsWith("{\n  \"").contains("\"name\": \"cli-call-tag\"");
        Object parsed = Literals.json(json.out());
        assertThat(((Map<?, ?>) parsed).get("arches")).isEqualTo("x86_64");
    }

    @Test
    void callJsonInputSendsStructures() {
        CliHarness.Result r = cli.run("call", "--json", "listTags", "pattern=\"cli-call*\"", "queryOpts={\"countOnly\": true}");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out().strip()).matches("\\d+");
    }

    @Test
    void aFaultIsOneLineAndExitOne() {
        CliHarness.Result r = cli.run("call", "getTag", "no-such-tag", "strict=True");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.message()).isEqualTo("GenericError: No such tagInfo: 'no-such-tag'\n");
    }

    @Test
    void anUnreachableHubIsOneClearLine() {
        CliHarness nobody = CliHarness.empty("http://127.0.0.1:9/kojihub");
        CliHarness.Result r = nobody.run("--server", "http://127.0.0.1:9/kojihub", "version");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: Unable to connect to server http://127.0.0.1:9/kojihub");
        assertThat(r.err().lines().count()).isEqualTo(1);
        CliHarness.Result debug = nobody.run("--debug", "--server", "http://127.0.0.1:9/kojihub", "version");
        assertThat(debug.err()).contains("at org.kojinext").contains("Caused by");
    }

    @Test
    void loginWithoutCredentialsSaysSo() {
        CliHarness anon = CliHarness.empty(hub.url().toString());
        CliHarness.Result r = anon.run("--server", hub.url().toString(), "call", "getLoggedInUser");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("Unable to log in, no authentication methods available");
        assertThat(anon.run("--server", hub.url().toString(), "--noauth", "call", "getLoggedInUser").out())
                .isEqualTo("None\n");
    }

    @Test
    void xmlrpcFlagAndJsonAgreeOnAnswers() {
        assertThat(cli.run("--xmlrpc", "call", "getAPIVersion").out()).isEqualTo(cli.run("call", "getAPIVersion").out());
    }
}
