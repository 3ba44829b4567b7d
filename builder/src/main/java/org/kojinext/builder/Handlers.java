package org.kojinext.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.KojiFault;

/** Koji's task types that build nothing (koji/tasks.py), for dispatch to be tried and measured alone. */
public final class Handlers {
    private Handlers() {
    }

    public static Map<String, TaskHandler> defaults() {
        return Map.of("sleep", new Sleep(), "subtask", new Subtask(), "waittest", new WaitTest());
    }

    private static double seconds(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw KojiFault.generic("TypeError: sleep needs a number of seconds, not " + v);
    }

    /** sleep(n): Koji's SleepTask, weight 0.25. */
    static final class Sleep implements TaskHandler {
        @Override
        public double weight() {
            return 0.25;
        }

        @Override
        public Object run(TaskContext task, List<Object> args) throws InterruptedException {
            double n = seconds(args.isEmpty() ? null : args.get(0));
            Thread.sleep((long) (n * 1000));
            return null;
        }
    }

    /** subtask(n=4): Koji's SubtaskTask, a chain of n subtasks ending in a sleep, each waited for. */
    static final class Subtask implements TaskHandler {
        @Override
        public double weight() {
            return 0.1;
        }

        @Override
        public Object run(TaskContext task, List<Object> args) {
            int n = args.isEmpty() ? 4 : ((Number) args.get(0)).intValue();
            int child = n > 0
                    ? task.subtask("subtask", List.of(n - 1), "foo")
                    : task.subtask("sleep", List.of(sleepOfChain()), "bar");
            task.waitAll(List.of(child), null);
            return null;
        }

        /** Koji sleeps 15 s at the end of the chain; the kojinext.subtask.sleep property shortens it for tests. */
        private static Object sleepOfChain() {
            String s = System.getProperty("kojinext.subtask.sleep", "15");
            return Double.valueOf(s);
        }
    }

    /**
     * waittest(count, seconds=10): Koji's WaitTestTask: count sleeping subtasks and one with a bad
     * argument that may fail, all waited for.
     */
    static final class WaitTest implements TaskHandler {
        @Override
        public double weight() {
            return 0.1;
        }

        @Override
        public Object run(TaskContext task, List<Object> args) {
            int count = ((Number) args.get(0)).intValue();
            Object seconds = args.size() > 1 ? args.get(1) : 10;
            List<Integer> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                tasks.add(task.subtask("sleep", List.of(seconds), String.valueOf(i)));
            }
            int bad = task.subtask("sleep", List.of("BAD_ARG"), "bad");
            tasks.add(bad);
            task.waitAll(tasks, List.of(bad));
            return null;
        }
    }
}
