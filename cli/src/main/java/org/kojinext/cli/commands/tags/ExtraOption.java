package org.kojinext.cli.commands.tags;

import org.kojinext.cli.CliFailure;

/** The key=value words of add-tag's and edit-tag's --extra. */
final class ExtraOption {
    private ExtraOption() {
    }

    /** Splits at the first '='; Koji dies with Python's unpacking error without one, we say why. */
    static String[] split(String option) {
        int eq = option.indexOf('=');
        if (eq < 0) {
            throw new CliFailure("Invalid --extra option, expected key=value: " + option, 2);
        }
        return new String[] {option.substring(0, eq), option.substring(eq + 1)};
    }
}
