package org.kojinext.hub.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.tags.TagTestSupport.column;
import static org.kojinext.hub.tags.TagTestSupport.createTag;
import static org.kojinext.hub.tags.TagTestSupport.full;
import static org.kojinext.hub.tags.TagTestSupport.link;
import static org.kojinext.hub.tags.TagTestSupport.linkData;
import static org.kojinext.hub.tags.TagTestSupport.names;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** getFullInheritance, setInheritanceData and getBuildConfig against Koji's readFullInheritance rules. */
class InheritanceTest {
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static int[] tags(KojiClient c, String prefix, String... names) {
        int[] ids = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            ids[i] = createTag(c, prefix + names[i]);
        }
        return ids;
    }

    private static List<String> prefixed(String prefix, String... names) {
        return Arrays.stream(names).map(n -> prefix + n).toList();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void linksAreWalkedDepthFirstInPriorityOrder(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "prio-" + enc + "-";
        int[] t = tags(c, p, "child", "p1", "p2", "grand");
        link(c, t[0], t[2], 20);
        link(c, t[0], t[1], 10);
        link(c, t[1], t[3], 5);

        var order = full(c, p + "child", false);
        assertThat(names(order)).isEqualTo(prefixed(p, "p1", "grand", "p2"));
        assertThat(column(order, "currdepth")).containsExactly(1, 2, 1);
        assertThat(column(order, "child_id")).containsExactly(t[0], t[1], t[0]);
        assertThat(order.get(0)).containsOnlyKeys("parent_id", "name", "priority", "maxdepth", "intransitive",
                "noconfig", "pkg_filter", "child_id", "nextdepth", "currdepth", "filter");
        assertThat(order.get(0)).containsEntry("parent_id", t[1]).containsEntry("priority", 10)
                .containsEntry("pkg_filter", "").containsEntry("filter", List.of());

        var data = (List<?>) c.call("getInheritanceData", p + "child");
        assertThat(data).hasSize(2);
        assertThat(map(data.get(0))).containsEntry("parent_id", t[1]).containsEntry("child_id", t[0])
                .containsEntry("name", p + "p1").doesNotContainKey("currdepth");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void maxdepthLimitsTheWalkAndTheSmallerLimitWins(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "depth-" + enc + "-";
        int[] t = tags(c, p, "a", "b", "c", "d", "e");
        link(c, t[1], t[2], 0);
        link(c, t[2], t[3], 0);
        link(c, t[3], t[4], 0);

        link(c, t[0], t[1], 0);
        assertThat(names(full(c, t[0], false))).isEqualTo(prefixed(p, "b", "c", "d", "e"));
        assertThat(column(full(c, t[0], false), "nextdepth")).containsOnly((Object) null);

        link(c, t[0], t[1], 0, 0, false, false, "");
        var zero = full(c, t[0], false);
        assertThat(names(zero)).isEqualTo(prefixed(p, "b"));
        assertThat(column(zero, "nextdepth")).containsExactly(0);

        link(c, t[0], t[1], 0, 1, false, false, "");
        var one = full(c, t[0], false);
        assertThat(names(one)).isEqualTo(prefixed(p, "b", "c"));
        assertThat(column(one, "nextdepth")).containsExactly(1, 0);

        // a -> b allows 3, b -> c allows 1: c is the last one reached
        link(c, t[0], t[1], 0, 3, false, false, "");
        link(c, t[1], t[2], 0, 1, false, false, "");
        var tighterBelow = full(c, t[0], false);
        assertThat(names(tighterBelow)).isEqualTo(prefixed(p, "b", "c"));
        assertThat(column(tighterBelow, "nextdepth")).containsExactly(3, 0);

        // a -> b allows 1, b -> c allows 5: still only down to c
        link(c, t[0], t[1], 0, 1, false, false, "");
        link(c, t[1], t[2], 0, 5, false, false, "");
        assertThat(names(full(c, t[0], false))).isEqualTo(prefixed(p, "b", "c"));
        // from b itself, its own limit of 5 lets the chain run to e
        assertThat(names(full(c, t[1], false))).isEqualTo(prefixed(p, "c", "d", "e"));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void intransitiveLinksAreFollowedOnlyFromTheQueriedTag(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "intrans-" + enc + "-";
        int[] t = tags(c, p, "a", "b", "c", "d");
        link(c, t[0], t[1], 0, null, true, false, "");
        link(c, t[1], t[2], 0, null, true, false, "");
        link(c, t[2], t[3], 0);

        assertThat(names(full(c, t[0], false))).isEqualTo(prefixed(p, "b"));
        assertThat(names(full(c, t[1], false))).isEqualTo(prefixed(p, "c", "d"));
        // reverse: an intransitive link is listed but not followed
        assertThat(names(full(c, t[3], true))).isEqualTo(prefixed(p, "c", "b"));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void packageFiltersAccumulateAlongThePath(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "filter-" + enc + "-";
        int[] t = tags(c, p, "a", "b", "c", "d");
        link(c, t[0], t[1], 0, null, false, false, "^foo");
        link(c, t[1], t[2], 0, null, false, false, "");
        link(c, t[2], t[3], 0, null, false, false, "bar|baz");

        var order = full(c, t[0], false);
        assertThat(names(order)).isEqualTo(prefixed(p, "b", "c", "d"));
        assertThat(column(order, "filter")).containsExactly(List.of("^foo"), List.of("^foo"),
                List.of("^foo", "bar|baz"));
        assertThat(column(order, "pkg_filter")).containsExactly("^foo", "", "bar|baz");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void loopsArePruned(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "loop-" + enc + "-";
        int[] t = tags(c, p, "a", "b", "c");
        link(c, t[0], t[1], 0);
        link(c, t[1], t[2], 0);
        link(c, t[2], t[0], 0);

        assertThat(names(full(c, t[0], false))).isEqualTo(prefixed(p, "b", "c"));
        assertThat(names(full(c, t[1], false))).isEqualTo(prefixed(p, "c", "a"));
        assertThat(names(full(c, t[0], true))).isEqualTo(prefixed(p, "c", "b"));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aTagReachedAgainIsRewalkedOnlyIfTheEarlierVisitWasMoreRestrictive(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "dup-" + enc + "-";
        int[] t = tags(c, p, "a", "b", "c", "d", "e");
        int a = t[0];
        int b = t[1];
        int cc = t[2];
        int d = t[3];
        int e = t[4];
        link(c, d, e, 0);
        link(c, a, b, 10);
        link(c, a, cc, 20);

        // first visit limited (b -> d maxdepth 0), second unlimited: d is walked again, reaching e
        link(c, b, d, 0, 0, false, false, "");
        link(c, cc, d, 0);
        var rewalked = full(c, a, false);
        assertThat(names(rewalked)).isEqualTo(prefixed(p, "b", "d", "c", "d", "e"));
        assertThat(column(rewalked, "child_id")).containsExactly(a, b, a, cc, d);

        // first visit unlimited, second limited: the second is dropped
        link(c, b, d, 0);
        link(c, cc, d, 0, 0, false, false, "");
        assertThat(names(full(c, a, false))).isEqualTo(prefixed(p, "b", "d", "e", "c"));

        // first visit filtered: the unfiltered path walks d and e again
        link(c, a, b, 10, null, false, false, "^x");
        link(c, cc, d, 0);
        var filtered = full(c, a, false);
        assertThat(names(filtered)).isEqualTo(prefixed(p, "b", "d", "e", "c", "d", "e"));
        assertThat(column(filtered, "filter")).containsExactly(List.of("^x"), List.of("^x"), List.of("^x"),
                List.of(), List.of(), List.of());

        // both unfiltered and unlimited: d is listed once
        link(c, a, b, 10);
        assertThat(names(full(c, a, false))).isEqualTo(prefixed(p, "b", "d", "e", "c"));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void reverseWalksDescendantsAndChecksEachLinksOwnDepth(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "rev-" + enc + "-";
        int[] t = tags(c, p, "x", "y", "z", "w");
        link(c, t[0], t[1], 0, 0, false, false, "");
        link(c, t[1], t[2], 0);
        link(c, t[3], t[2], 5);

        var order = full(c, p + "z", true);
        // x -> y has maxdepth 0, so x does not see z: it is not z's descendant through y
        assertThat(names(order)).isEqualTo(prefixed(p, "y", "w"));
        assertThat(order.get(0)).containsEntry("tag_id", t[1]).containsEntry("parent_id", t[2])
                .containsEntry("currdepth", 1).containsEntry("nextdepth", null).doesNotContainKey("child_id");
        assertThat(names(full(c, p + "y", true))).isEqualTo(prefixed(p, "x"));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void setInheritanceDataDeletesClearsAndRefusesDuplicatePriorities(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "set-" + enc + "-";
        int[] t = tags(c, p, "a", "b", "c", "d");
        c.call("setInheritanceData", t[0], List.of(linkData(t[1], 10, null, false, false, ""),
                linkData(t[2], 20, null, false, false, "")));
        assertThat(names(full(c, t[0], false))).isEqualTo(prefixed(p, "b", "c"));

        var dup = fault(() -> link(c, t[0], t[3], 10));
        assertThat(dup.code()).isEqualTo(1000);
        assertThat(dup.getMessage()).isEqualTo("Multiple parent tags ([" + t[1] + ", " + t[3]
                + "]) cannot have the same priority value (10) on child tag " + t[0]);

        c.call("setInheritanceData", t[0], List.of(Map.of("parent_id", t[1], "delete link", true)));
        assertThat(names(full(c, t[0], false))).isEqualTo(prefixed(p, "c"));

        c.callKw("setInheritanceData", List.of(t[0], List.of(linkData(t[3], 5, null, false, false, ""))),
                Map.of("clear", true));
        assertThat(names(full(c, t[0], false))).isEqualTo(prefixed(p, "d"));

        assertThat(fault(() -> c.call("setInheritanceData", t[0], List.of(Map.of("parent_id", t[1]))))
                .getMessage()).isEqualTo("No value for priority");
        assertThat(fault(() -> c.call("setInheritanceData", t[0],
                List.of(linkData(999999, 1, null, false, false, "")))).getMessage())
                .isEqualTo("No such tagInfo: 999999");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void getFullInheritanceRefusesRemovedOptions(Encoding enc) {
        KojiClient c = hub.admin(enc);
        int t = createTag(c, "opts-" + enc);
        assertThat(fault(() -> c.callKw("getFullInheritance", List.of(t), Map.of("stops", Map.of("1", 1))))
                .getMessage()).isEqualTo("stops option has been removed since 1.26");
        assertThat(fault(() -> c.callKw("getFullInheritance", List.of(t), Map.of("bogus", 1))).code())
                .isEqualTo(1019);
        assertThat(c.callKw("getFullInheritance", List.of(t), Map.of("jumps", Map.of()))).isEqualTo(List.of());
        assertThat(fault(() -> c.call("getFullInheritance", "no-such-tag-" + enc)).getMessage())
                .isEqualTo("No such entry in table tag: no-such-tag-" + enc);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void buildConfigInheritsArchesAndExtraSkippingNoconfigLinks(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "cfg-" + enc + "-";
        int a = createTag(c, p + "a");
        int b = (Integer) c.callKw("createTag", List.of(p + "b"),
                Map.of("arches", "x86_64", "extra", Map.of("k1", "b", "k2", "b")));
        int cc = (Integer) c.callKw("createTag", List.of(p + "c"),
                Map.of("arches", "s390x ppc64le", "extra", Map.of("k1", "c", "k3", List.of(1, 2), "k4", "c")));
        int d = (Integer) c.callKw("createTag", List.of(p + "d"), Map.of("extra", Map.of("kd", "d")));
        // a's arches become NULL (createTag stores '' for none, which would count as set)
        c.callKw("editTag2", List.of(a), new java.util.HashMap<>(Map.of("extra", Map.of("own", 1),
                "block_extra", List.of("k4"))) {
            {
                put("arches", null);
            }
        });
        link(c, a, b, 10, null, false, true, "");
        link(c, a, cc, 20);
        link(c, b, d, 0);

        // d comes before c in the walk and its '' counts as arches, as in Koji
        assertThat(map(c.call("getBuildConfig", a))).containsEntry("arches", "");
        c.callKw("editTag2", List.of(d), java.util.Collections.singletonMap("arches", null));

        Map<String, Object> cfg = map(c.call("getBuildConfig", p + "a"));
        assertThat(cfg).containsEntry("id", a).containsEntry("arches", "s390x ppc64le");
        // b is behind a noconfig link; d, above it, still counts (Koji looks at each link's own flag)
        assertThat(map(cfg.get("extra"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("own", 1, "kd", "d", "k1", "c", "k3", List.of(1, 2)));
        Map<String, Object> from = map(cfg.get("config_inheritance"));
        assertThat(map(from.get("arches"))).isEqualTo(Map.of("id", cc, "name", p + "c"));
        assertThat(map(from.get("extra"))).containsOnlyKeys("kd", "k1", "k3");
        assertThat(map(map(from.get("extra")).get("kd"))).containsEntry("id", d);

        // getTag shows the tag's own extra only; blocked=True shows the block as [True, None]
        assertThat(map(map(c.call("getTag", a)).get("extra"))).isEqualTo(Map.of("own", 1));
        Map<String, Object> withBlocked = map(map(c.callKw("getTag", List.of(a), Map.of("blocked", true))).get("extra"));
        assertThat(withBlocked.get("k4")).isEqualTo(Arrays.asList(true, null));
        assertThat(withBlocked.get("own")).isEqualTo(List.of(false, 1));

        // unblocking by setting the key again lets the tag's own value through
        c.callKw("editTag2", List.of(a), Map.of("extra", Map.of("k4", "mine")));
        assertThat(map(map(c.call("getBuildConfig", a)).get("extra"))).containsEntry("k4", "mine");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void inheritanceIsReadAtAPastEvent(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "hist-" + enc + "-";
        int[] t = tags(c, p, "a", "b", "c");
        link(c, t[0], t[1], 0);
        int before = TagTestSupport.lastEvent(hub);
        c.call("setInheritanceData", t[0], List.of(Map.of("parent_id", t[1], "delete link", true),
                linkData(t[2], 3, null, false, false, "")));

        assertThat(names(full(c, t[0], false))).isEqualTo(prefixed(p, "c"));
        assertThat(names(castList(c.call("getFullInheritance", t[0], before)))).isEqualTo(prefixed(p, "b"));
        assertThat(castList(c.call("getInheritanceData", t[0], before))).hasSize(1);
        assertThat(map(castList(c.call("getInheritanceData", t[0], before)).get(0))).containsEntry("parent_id", t[1]);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
