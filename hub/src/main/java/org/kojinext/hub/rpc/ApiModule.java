package org.kojinext.hub.rpc;

/** A domain's set of hub methods, each declared once in {@link #register}. */
public interface ApiModule {
    void register(MethodRegistry.Declarer methods);
}
