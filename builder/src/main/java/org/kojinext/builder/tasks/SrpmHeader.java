package org.kojinext.builder.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.builder.Commands;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * The fields of a source rpm's header the build task decides with, read by the rpm tool that
 * building needs anyway.
 */
record SrpmHeader(String name, String version, String release, Integer epoch, boolean sourcePackage,
                  List<String> buildArchs, List<String> exclusiveArch, List<String> excludeArch) {
    // Keyed lines, since rpm's warnings land in the same output.
    private static final String FORMAT = "@N=%{NAME}\\n@V=%{VERSION}\\n@R=%{RELEASE}\\n@E=%{EPOCH}\\n"
            + "@S=%{SOURCEPACKAGE}\\n@B=[%{BUILDARCHS} ]\\n@X=[%{EXCLUSIVEARCH} ]\\n@Y=[%{EXCLUDEARCH} ]\\n";

    static SrpmHeader read(Path srpm, Path scratch) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Path out = Files.createTempFile(scratch, "rpmq-", ".txt");
        try {
            int rc = Commands.run(List.of("rpm", "-qp", "--nosignature", "--nodigest", "--qf", FORMAT,
                    srpm.toString()), scratch, Map.of("PATH", Commands.SAFE_PATH, "LC_ALL", "C.UTF-8"), out,
                    Duration.ofMinutes(2));
            Map<String, String> f = new HashMap<>();
            for (String line : Files.readAllLines(out)) {
                if (line.length() >= 3 && line.charAt(0) == '@' && line.charAt(2) == '=') {
                    f.put(line.substring(1, 2), line.substring(3));
                }
            }
            if (rc != 0 || f.size() != 8) {
                throw new KojiFault(FaultCode.BUILD, "cannot read the rpm header of " + srpm.getFileName() + ": "
                        + Commands.tail(out, 3));
            }
            String epoch = f.get("E").strip();
            return new SrpmHeader(f.get("N"), f.get("V"), f.get("R"), epoch.equals("(none)") ? null : Integer.valueOf(epoch),
                    f.get("S").strip().equals("1"), words(f.get("B")), words(f.get("X")), words(f.get("Y")));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.strip().split("\\s+")).filter(w -> !w.isEmpty() && !w.equals("(none)")).toList();
    }
}
