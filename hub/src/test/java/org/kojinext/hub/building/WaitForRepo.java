package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.kojinext.protocol.KojiClient;

/** A repo of a tag as of its last change, waited for the way a client should: held calls, no polling. */
final class WaitForRepo {
    private WaitForRepo() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> after(KojiClient client, String tag, Map<String, Object> opts) {
        Map<String, Object> answer = (Map<String, Object>) client.callKw("repo.request", List.of(tag),
                Map.of("min_event", "last", "opts", opts));
        for (int i = 0; i < 10 && !(answer.get("repo") instanceof Map); i++) {
            Map<String, Object> req = (Map<String, Object>) answer.get("request");
            assertThat(req.get("active")).as("request %s still active", req.get("id")).isEqualTo(true);
            answer = (Map<String, Object>) client.call("repo.waitRequest", req.get("id"), 60);
        }
        assertThat(answer.get("repo")).as("a repo of %s", tag).isInstanceOf(Map.class);
        return (Map<String, Object>) answer.get("repo");
    }
}
