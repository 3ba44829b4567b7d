package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.RPMSIGS;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jooq.DSLContext;
import org.kojinext.hub.rpm.RpmFormatException;
import org.kojinext.hub.rpm.RpmInfo;
import org.kojinext.hub.rpm.SigKeys;
import org.kojinext.hub.storage.KojiPaths;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's add_rpm_sig as import_build calls it: the signature header an rpm arrived with becomes
 * its rpmsigs row (sigkey '' when unsigned, sighash the header's MD5) and is cached where Koji's
 * PathInfo.sighdr puts it, data/sigcache/SIGKEY/ARCH/N-V-R.A.rpm.sig under the build's directory
 * (for '' that is data/sigcache/ARCH/..., as Koji's path with an empty key resolves).
 */
final class RpmSigs {
    private RpmSigs() {
    }

    static void add(DSLContext db, FileMoves moves, String buildDir, int rpmId, RpmInfo info) {
        byte[] sighdr = info.signatureHeader();
        String nvra = info.name() + "-" + info.version() + "-" + info.release() + "." + info.arch();
        String sigkey;
        try {
            sigkey = SigKeys.of(sighdr);
        } catch (RpmFormatException e) {
            throw KojiFault.generic("Unreadable signature of " + nvra + ": " + e.getMessage());
        }
        boolean taken = db.fetchExists(RPMSIGS, RPMSIGS.RPM_ID.eq(rpmId), RPMSIGS.SIGKEY.eq(sigkey));
        if (taken) {
            throw KojiFault.generic("Signature already exists for package " + nvra + ", key " + sigkey);
        }
        db.insertInto(RPMSIGS)
                .set(RPMSIGS.RPM_ID, rpmId)
                .set(RPMSIGS.SIGKEY, sigkey)
                .set(RPMSIGS.SIGHASH, HexFormat.of().formatHex(md5().digest(sighdr)))
                .execute();
        String dir = buildDir + "/data/sigcache/" + (sigkey.isEmpty() ? "" : KojiPaths.part(sigkey) + "/")
                + KojiPaths.part(info.arch());
        moves.write(dir + "/" + KojiPaths.part(nvra + ".rpm") + ".sig", sighdr, "Error caching signature header");
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
