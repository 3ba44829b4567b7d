package org.kojinext.hub.scheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a builder declared of itself in its host data: the arches, capacity and channels it will
 * take work for. The hub's configuration (addHost, editHost, addHostToChannel) stays the limit: a
 * declaration only narrows it, so a builder cannot give itself an arch, more capacity or a
 * channel an admin did not.
 */
record Declared(Set<String> arches, Double capacity, Set<Integer> channelIds) {
    static final Declared NOTHING = new Declared(null, null, null);

    static Declared of(Map<?, ?> data) {
        if (data == null) {
            return NOTHING;
        }
        Set<String> arches = null;
        if (data.get("arches") instanceof String s && !s.isBlank()) {
            arches = new HashSet<>(List.of(s.trim().split("\\s+")));
        } else if (data.get("arches") instanceof List<?> l) {
            arches = new HashSet<>();
            for (Object o : l) {
                arches.add(String.valueOf(o));
            }
        }
        Double capacity = data.get("capacity") instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : null;
        Set<Integer> channels = null;
        if (data.get("channel_ids") instanceof List<?> l) {
            channels = new HashSet<>();
            for (Object o : l) {
                if (o instanceof Number n) {
                    channels.add(n.intValue());
                }
            }
        }
        return new Declared(arches, capacity, channels);
    }

    /** The configured arches (noarch added) this builder takes. */
    List<String> arches(List<String> configured) {
        List<String> out = new ArrayList<>(configured);
        if (arches != null) {
            out.removeIf(a -> !a.equals("noarch") && !arches.contains(a));
        }
        return out;
    }

    double capacity(double configured) {
        return capacity == null ? configured : Math.min(configured, capacity);
    }

    boolean takesChannel(int channelId) {
        return channelIds == null || channelIds.contains(channelId);
    }
}
