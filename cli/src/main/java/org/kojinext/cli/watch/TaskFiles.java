package org.kojinext.cli.watch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.HubLink;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/** A task's output files on the hub, as Koji's CLI lists and locates them. */
public final class TaskFiles {
    private TaskFiles() {
    }

    /**
     * Koji's list_task_output_all_volumes: file name to the volumes holding it; a hub without
     * all_volumes gets every file on DEFAULT.
     */
    public static Map<String, List<String>> all(HubLink hub, int task) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Object files;
        try {
            files = hub.callKw("listTaskOutput", List.of(task), Map.of("all_volumes", true));
        } catch (KojiFault f) {
            if (f.code() != FaultCode.PARAMETER.code()
                    || !String.valueOf(f.getMessage()).contains("got an unexpected keyword argument")) {
                throw f;
            }
            for (Object name : (List<?>) hub.call("listTaskOutput", task)) {
                out.put(String.valueOf(name), List.of("DEFAULT"));
            }
            return out;
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) files).entrySet()) {
            List<String> volumes = ((List<?>) e.getValue()).stream().map(String::valueOf).toList();
            out.put(String.valueOf(e.getKey()), volumes);
        }
        return out;
    }

    /** Koji's pathinfo.task(id, volume) under a top directory or URL. */
    public static String taskDir(String top, int task, String volume) {
        return workDir(top, volume) + "/tasks/" + (task % 10000) + "/" + task;
    }

    /** Koji's pathinfo.work(volume). */
    public static String workDir(String top, String volume) {
        String base = volume == null || volume.equals("DEFAULT") ? top : top + "/vol/" + volume;
        return base + "/work";
    }
}
