package org.kojinext.hub.rpc;

/**
 * One declared parameter, as Python would spell it: a plain name with or without a default, or
 * the catch-alls {@code *args} and {@code **kwargs}.
 */
public record Param(String name, Kind kind, Object defaultValue) {
    public enum Kind { REQUIRED, OPTIONAL, VARARGS, VARKW }

    public static Param required(String name) {
        return new Param(name, Kind.REQUIRED, null);
    }

    public static Param optional(String name, Object defaultValue) {
        return new Param(name, Kind.OPTIONAL, defaultValue);
    }

    public static Param varargs(String name) {
        return new Param(name, Kind.VARARGS, null);
    }

    public static Param varkw(String name) {
        return new Param(name, Kind.VARKW, null);
    }

    boolean named() {
        return kind == Kind.REQUIRED || kind == Kind.OPTIONAL;
    }
}
