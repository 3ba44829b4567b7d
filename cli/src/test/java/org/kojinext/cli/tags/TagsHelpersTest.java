package org.kojinext.cli.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.Py;

class TagsHelpersTest {
    @Test
    void asctimePadsTheDayWithASpaceAsPythonDoes() {
        // 2024-03-05 12:00 UTC is the 5th in every zone from UTC-11 to UTC+11.
        assertThat(KojiTimes.asctime(1709640000L)).matches("Tue Mar  5 \\d\\d:00:00 2024");
        assertThat(KojiTimes.asctime(1710590400.75)).matches("Sat Mar 16 \\d\\d:00:00 2024");
    }

    @Test
    void archesAreNormalizedAndChecked() {
        assertThat(Arches.parse("x86_64,aarch64  ppc64le")).isEqualTo("x86_64 aarch64 ppc64le");
        assertThat(Arches.parse(" , ")).isEmpty();
        assertThatThrownBy(() -> Arches.parse("x86/64")).isInstanceOf(CliFailure.class)
                .hasMessage("GenericError: Architecture can be only [a-zA-Z0-9_-]");
    }

    @Test
    void parseIntTakesWhatPythonsIntTakes() {
        assertThat(Py.parseInt(" 12 ")).isEqualTo(12);
        assertThat(Py.parseInt("+3")).isEqualTo(3);
        assertThat(Py.parseInt("1_000")).isEqualTo(1000);
        assertThatThrownBy(() -> Py.parseInt("x")).hasMessage("ValueError: invalid literal for int() with base 10: 'x'");
        assertThatThrownBy(() -> Py.parseInt("_1")).isInstanceOf(CliFailure.class);
    }

    @Test
    void inheritanceFlagsFollowTheLinkSettings() {
        Map<String, Object> link = new HashMap<>();
        link.put("maxdepth", null);
        link.put("pkg_filter", "");
        link.put("intransitive", false);
        link.put("noconfig", false);
        assertThat(InheritanceFlags.format(link)).isEqualTo("....");
        link.put("maxdepth", 0);
        link.put("pkg_filter", "a.*");
        link.put("noconfig", true);
        assertThat(InheritanceFlags.format(link)).isEqualTo("MF.N");
    }

    @Test
    void pythonStringsOfHubValues() {
        assertThat(Py.str(null)).isEqualTo("None");
        assertThat(Py.str(true)).isEqualTo("True");
        assertThat(Py.left("ab", 4) + "|").isEqualTo("ab  |");
        assertThat(Py.right(7, 3)).isEqualTo("  7");
        assertThat(Py.truthy(0)).isFalse();
        assertThat(Py.truthy("x")).isTrue();
    }
}
