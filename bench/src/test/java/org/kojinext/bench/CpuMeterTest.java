package org.kojinext.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuMeterTest {
    @Test
    void procStatFieldsAreCountedFromTheLastParenthesis() {
        // A command name with spaces and a ')' of its own, as postgres backends' titles can have.
        String line = "4242 (postgres: a) b) S 4200 4242 4242 0 -1 4194560 100 0 0 0 37 5 0 0 20 0 1 0 1234";
        assertThat(CpuMeter.parseProcStat(line)).containsExactly(4242, 4200, 42);
    }

    @Test
    void otherIsWhatTheBenchmarkDidNotUse() {
        CpuMeter.Usage u = new CpuMeter.Usage(0.9, 0.6, 0.2, true, 0.25);
        assertThat(u.hub()).isEqualTo(0.4, within(1e-9));
        assertThat(u.other()).isEqualTo(0.05, within(1e-9));
        // Without a database of our own everything outside this JVM is "other".
        assertThat(new CpuMeter.Usage(0.9, 0.6, 0.2, true, Double.NaN).other())
                .isEqualTo(0.3, within(1e-9));
        // With the hub elsewhere the rest of this JVM is the client's own GC and JIT, not a hub.
        assertThat(new CpuMeter.Usage(0.9, 0.6, 0.2, false, Double.NaN).hub()).isNaN();
    }
}
