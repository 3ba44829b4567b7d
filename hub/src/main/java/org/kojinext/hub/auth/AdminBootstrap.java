package org.kojinext.hub.auth;

import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.USER_PERMS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first administrator, {@code kojiadmin}, when the database has none: with the
 * configured password, or a generated one that is printed once and kept in the data directory.
 */
public final class AdminBootstrap {
    public static final String ADMIN_USER = "kojiadmin";
    public static final String PASSWORD_FILE = "kojiadmin.password";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private AdminBootstrap() {
    }

    /** @return true if the user was created by this call */
    public static boolean ensureAdmin(Database db, String configuredPassword, Path dataDir) {
        try (Tx tx = db.begin()) {
            var dsl = tx.dsl();
            if (dsl.fetchExists(USERS, USERS.NAME.eq(ADMIN_USER))) {
                tx.rollback();
                return false;
            }
            String password = configuredPassword;
            boolean generated = password == null || password.isEmpty();
            if (generated) {
                password = generate();
            }
            int userId = dsl.insertInto(USERS)
                    .set(USERS.NAME, ADMIN_USER)
                    .set(USERS.PASSWORD, PasswordHasher.hash(password))
                    .set(USERS.STATUS, UserStatus.NORMAL)
                    .set(USERS.USERTYPE, UserStatus.TYPE_NORMAL)
                    .returning(USERS.ID).fetchSingle().getId();
            int permId = dsl.select(PERMISSIONS.ID).from(PERMISSIONS).where(PERMISSIONS.NAME.eq("admin"))
                    .fetchSingle().value1();
            dsl.insertInto(USER_PERMS)
                    .set(USER_PERMS.USER_ID, userId)
                    .set(USER_PERMS.PERM_ID, permId)
                    .set(USER_PERMS.CREATOR_ID, userId)
                    .set(USER_PERMS.CREATE_EVENT, tx.eventId())
                    .execute();
            if (generated) {
                writePasswordFile(dataDir.resolve(PASSWORD_FILE), password);
                System.out.println("Created user " + ADMIN_USER + " with password: " + password);
                System.out.println("(kept in " + dataDir.resolve(PASSWORD_FILE) + ")");
            }
            tx.finish();
            log.info("created administrator {}", ADMIN_USER);
            return true;
        }
    }

    private static String generate() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void writePasswordFile(Path file, String password) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the admin password in " + file, e);
        }
    }
}
