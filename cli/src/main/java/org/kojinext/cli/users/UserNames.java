package org.kojinext.cli.users;

import java.util.List;

/** Koji's USER_STATUS and USERTYPES enums: the names its CLI prints for a user's numbers. */
public final class UserNames {
    private static final List<String> STATUS = List.of("NORMAL", "BLOCKED");
    private static final List<String> TYPES = List.of("NORMAL", "HOST", "GROUP");

    public static final int NORMAL = 0;
    public static final int BLOCKED = 1;

    private UserNames() {
    }

    public static String status(Object value) {
        return name(STATUS, value);
    }

    public static String usertype(Object value) {
        return name(TYPES, value);
    }

    private static String name(List<String> names, Object value) {
        if (value instanceof Number n && n.intValue() >= 0 && n.intValue() < names.size()) {
            return names.get(n.intValue());
        }
        // A hub newer than this client may add values; show the number rather than fail.
        return String.valueOf(value);
    }
}
