package org.kojinext.hub.auth;

import java.util.regex.Pattern;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's default name checks: RegexUserName for users and principals, RegexNameInternal for
 * groups, permissions and other internal names, and MaxNameLengthInternal for both.
 */
public final class NameRules {
    private static final Pattern USER = Pattern.compile("^[A-Za-z0-9/_.@-]+$");
    private static final Pattern INTERNAL = Pattern.compile("^[A-Za-z0-9/_.+-]+$");
    private static final int MAX_LENGTH = 256;

    private NameRules() {
    }

    public static void checkUserName(Object name) {
        check(name, USER, "Name", "RegexUserName");
    }

    public static void checkKrbPrincipal(Object krb) {
        check(krb, USER, "Kerberos principal", "RegexUserName");
    }

    public static void checkInternal(Object name) {
        check(name, INTERNAL, "Name", "RegexNameInternal");
    }

    private static void check(Object value, Pattern rule, String what, String ruleName) {
        if (!(value instanceof String s)) {
            throw KojiFault.generic(what + " should be string");
        }
        if (s.length() > MAX_LENGTH) {
            throw KojiFault.generic(what + " " + s + " is too long. Max length is " + MAX_LENGTH + " characters");
        }
        if (!rule.matcher(s).matches()) {
            throw KojiFault.generic(what + " " + s + " does not match " + ruleName + " value");
        }
    }
}
