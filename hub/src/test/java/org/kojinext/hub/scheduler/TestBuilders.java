package org.kojinext.hub.scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kojinext.builder.Builder;
import org.kojinext.builder.Handlers;
import org.kojinext.hub.testing.TestHosts;

/** In-process builders (the shipped daemon's code), stopped with the test. */
final class TestBuilders implements AutoCloseable {
    static final Duration HOLD = Duration.ofSeconds(1);
    private final List<Builder> started = new ArrayList<>();

    Builder start(URI hub, String hostName) {
        Builder b = new Builder(hub, hostName, TestHosts.PASSWORD, HOLD, 10, Handlers.defaults());
        Thread.ofVirtual().name("builder-" + hostName).start(b);
        started.add(b);
        return b;
    }

    @Override
    public void close() {
        started.forEach(Builder::kill);
    }
}
