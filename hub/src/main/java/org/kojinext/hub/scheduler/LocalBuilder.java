package org.kojinext.hub.scheduler;

import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.kojinext.builder.Builder;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.scm.AllowedScms;
import org.kojinext.builder.tasks.BuildHandlers;
import org.kojinext.hub.auth.PasswordHasher;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.hosts.ChannelEditor;
import org.kojinext.hub.hosts.HostEditor;
import org.kojinext.hub.hosts.HostStore;

/**
 * The builder {@code ./kojinext up} runs beside the hub: a host of that name (made on first start,
 * in channels 'default' and 'createrepo', for noarch and this machine's arch) whose password is kept in
 * DATA-DIR/NAME.password, and the shipped builder daemon logged in as it over HTTP.
 */
public final class LocalBuilder {
    private LocalBuilder() {
    }

    /** Makes sure the host exists with a known password; returns the password. */
    public static String ensureHost(Database database, Path dataDir, String name) {
        Path file = dataDir.resolve(name + ".password");
        try (Tx tx = database.begin()) {
            var db = tx.dsl();
            if (HostStore.get(db, name, false, null) == null) {
                int admin = UserStore.byName(db, "kojiadmin").getId();
                HostEditor.add(db, name, List.of(machineArch()), null, false, tx.eventId(), admin);
                // Koji's repo tasks run in channel createrepo; the one local builder makes repos too.
                ChannelEditor.addHost(db, name, "createrepo", true, false, tx.eventId(), admin);
            }
            String password = Files.exists(file) ? Files.readString(file).strip() : generate();
            db.update(USERS).set(USERS.PASSWORD, PasswordHasher.hash(password)).where(USERS.NAME.eq(name)).execute();
            tx.finish();
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, password + "\n");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the builder password in " + file, e);
        }
    }

    /**
     * The local builder's settings: the hub's topdir used in place, scratch space in DATA-DIR, and
     * git+file:// sources allowed from the user's home and the data directory, so a packager can
     * build from a checkout on this machine.
     */
    public static BuildHandlers.Settings settings(URI hub, Path topdir, Path dataDir) {
        String allowed = ":" + Path.of(System.getProperty("user.home")).toAbsolutePath() + "/* :"
                + dataDir.toAbsolutePath() + "/*";
        return new BuildHandlers.Settings(topdir, hub.resolve("/kojifiles"), dataDir.resolve("builder-work"),
                AllowedScms.parse(allowed), BuildrootFactory.rpmbuild());
    }

    /** Starts the builder daemon on a virtual thread; it runs until the process ends. */
    public static Builder start(URI hub, String name, String password, BuildHandlers.Settings settings) {
        Builder b = new Builder(hub, name, password, Duration.ofSeconds(60), 10, BuildHandlers.of(settings));
        Thread.ofVirtual().name("local-builder").start(b);
        return b;
    }

    /** This machine's arch by Koji's name. */
    public static String machineArch() {
        return org.kojinext.protocol.KojiArches.machine();
    }

    private static String generate() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
