package org.kojinext.cli.commands.connection;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.HubLink;
import picocli.CommandLine.Command;

/** Koji's moshimoshi (also {@code hello}): who you are to the hub, and which hub it is. */
@Command(name = "moshimoshi", aliases = "hello", description = "[misc] Introduce yourself")
public final class HelloCommand extends CliCommand {
    private static final List<String> GREETINGS = List.of("hello", "hi", "yo", "what's up", "g'day",
            "back to work", "bonjour", "hallo", "ciao", "hola", "olá", "dobrý den", "zdravstvuite",
            "góðan daginn", "hej", "tervehdys", "grüezi", "céad míle fáilte", "hylô", "bună ziua",
            "jó napot", "dobre dan", "你好", "こんにちは", "नमस्कार", "안녕하세요");

    /** Koji's AUTHTYPES: NORMAL, KERBEROS, SSL, GSSAPI. */
    private static final int NORMAL = 0;
    private static final int KERBEROS = 1;
    private static final int SSL = 2;
    private static final int GSSAPI = 3;

    @Override
    protected int run() {
        HubLink hub = login();
        Object u = hub.call("getLoggedInUser");
        String name;
        Map<?, ?> user = u instanceof Map<?, ?> m ? m : null;
        if (user == null) {
            out().println("Not authenticated");
            name = "anonymous user";
        } else {
            name = String.valueOf(user.get("name"));
        }
        String greeting = GREETINGS.get(ThreadLocalRandom.current().nextInt(GREETINGS.size()));
        out().println(greeting + ", " + name + "!");
        out().println();
        String version = hub.client().lastHeaders().firstValue("Koji-Version").orElse("unknown");
        out().println("You are using the hub at " + hub.profile().server() + " (Koji " + version + ")");
        if (user != null && user.get("authtype") instanceof Number t) {
            switch (t.intValue()) {
                case NORMAL -> out().println("Authenticated via password");
                case GSSAPI -> out().println("Authenticated via GSSAPI");
                case KERBEROS -> out().println("Authenticated via Kerberos principal");
                case SSL -> out().println("Authenticated via client certificate");
                default -> { }
            }
        }
        return 0;
    }
}
