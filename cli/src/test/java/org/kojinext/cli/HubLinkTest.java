package org.kojinext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.cli.config.Profile;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;

class HubLinkTest {
    static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static Profile profile() {
        return Profile.of("t", Map.of("server", hub.url().toString(), "user", "kojiadmin",
                "password", TestHub.ADMIN_PASSWORD));
    }

    @Test
    void switchesToJsonWhenTheHubOffersIt() {
        HubLink link = new HubLink(profile(), false);
        assertThat(link.client().encoding()).isEqualTo(Encoding.XML);
        assertThat(link.call("getAPIVersion")).isEqualTo(1);
        assertThat(link.client().encoding()).isEqualTo(Encoding.JSON);
        assertThat(link.call("getAPIVersion")).isEqualTo(1);
    }

    @Test
    void staysOnXmlWhenAsked() {
        HubLink link = new HubLink(profile(), true);
        link.call("getAPIVersion");
        link.login();
        assertThat(link.client().encoding()).isEqualTo(Encoding.XML);
        assertThat(((Map<?, ?>) link.call("getLoggedInUser")).get("name")).isEqualTo("kojiadmin");
    }

    @Test
    void aLoggedInSessionContinuesOverJsonWithItsCallnums() {
        HubLink link = new HubLink(profile(), false);
        link.login();
        assertThat(link.client().encoding()).isEqualTo(Encoding.JSON);
        for (int i = 0; i < 3; i++) {
            assertThat(((Map<?, ?>) link.call("getLoggedInUser")).get("name")).isEqualTo("kojiadmin");
        }
    }
}
