package org.kojinext.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM's finished child processes, from Linux's /proc/self/stat (cutime and
 * cstime). Unlike wall time it does not grow when other work on the machine takes the cores, so
 * it is the steadier figure on a busy machine. -1 where there is no /proc.
 */
final class ChildCpu {
    /** Linux's USER_HZ, the unit of /proc times; 100 on every common configuration. */
    private static final long TICKS_PER_SECOND = 100;

    private ChildCpu() {
    }

    static long nanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name may hold spaces; the fields after its closing parenthesis do not.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name: state is field 3 of the whole line, so cutime (16) and cstime (17) are 13 and 14 here.
            long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
