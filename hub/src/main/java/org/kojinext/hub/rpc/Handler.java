package org.kojinext.hub.rpc;

/** The body of a hub method: bound arguments in, a wire value out. */
@FunctionalInterface
public interface Handler {
    Object handle(CallContext ctx, Args args);
}
