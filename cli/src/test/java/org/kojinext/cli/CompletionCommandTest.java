package org.kojinext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class CompletionCommandTest {
    private final CliHarness cli = CliHarness.empty("http://127.0.0.1:9/kojihub");

    @Test
    void bashScriptNamesEveryCommandAndIsValidBash() throws Exception {
        CliHarness.Result r = cli.run("completion", "bash");
        assertThat(r.status()).as(r.toString()).isZero();
        String script = r.out();
        // the words bash offers after "kojinext ": the first "commands" list, the root's
        Matcher top = Pattern.compile("local commands=\"([^\"]*)\"").matcher(script);
        assertThat(top.find()).isTrue();
        List<String> offered = List.of(top.group(1).split(" "));
        for (Class<?> c : Commands.ALL) {
            Command cmd = c.getAnnotation(Command.class);
            assertThat(offered).contains(cmd.name());
            for (String alias : cmd.aliases()) {
                assertThat(offered).contains(alias);
            }
        }
        assertThat(script).contains("complete -F").contains("--show-channels").contains("--krb-principal");
        assertThat(cli.run("completion").out()).isEqualTo(script);
        if (Files.isExecutable(Path.of("/bin/bash"))) {
            Path file = Files.createTempFile("kojinext-completion", ".bash");
            Files.writeString(file, script);
            Process p = new ProcessBuilder("/bin/bash", "-n", file.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
        }
    }

    @Test
    void zshScriptLoadsBashcompinitFirst() {
        CliHarness.Result r = cli.run("completion", "zsh");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("bashcompinit").contains(cli.run("completion", "bash").out());
        assertThat(r.out().indexOf("bashcompinit")).isLessThan(r.out().indexOf("complete -F"));
    }

    @Test
    void anotherShellIsAUsageError() {
        CliHarness.Result r = cli.run("completion", "fish");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.message()).isEqualTo("unknown shell: fish (choose bash or zsh)\n");
    }
}
