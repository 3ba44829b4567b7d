package org.kojinext.hub.rpm;

import java.util.HexFormat;
import java.util.List;

/**
 * What Koji's import_rpm takes from an rpm, plus what later steps need from the same read.
 *
 * @param arch            the header's ARCH, or "src" for a source rpm as import_rpm sets it
 * @param size            the file's size in bytes (rpminfo.size is the file size, not the header's SIZE)
 * @param payloadhash     hex of the signature header's MD5 (rpminfo.payloadhash); null if the file has none
 * @param sourcerpm       the SRPM's file name, null for a source rpm
 * @param payloadDigest   hex PAYLOADDIGEST, null when absent
 * @param payloadDigestAlgo rpm's hash algorithm number for it (8 = SHA-256), null when absent
 * @param headerSha256    hex SHA-256 of the main header from the signature header, null when absent
 * @param sha256          hex SHA-256 of the whole file
 * @param signatureHeader the signature header with its padding, as Koji's rip_rpm_sighdr gives it
 * @param mainHeaderOffset where the main header starts in the file
 */
public record RpmInfo(String name, Integer epoch, String version, String release, String arch, long buildtime,
        long size, String payloadhash, String sourcerpm, String payloadDigest, Integer payloadDigestAlgo,
        String headerSha256, String sha256, byte[] signatureHeader, long mainHeaderOffset) {

    public RpmInfo {
        signatureHeader = signatureHeader.clone();
    }

    @Override
    public byte[] signatureHeader() {
        return signatureHeader.clone();
    }

    /** Builds the info from both headers; {@code size} and {@code sha256} describe the whole file. */
    public static RpmInfo of(RpmReader.Headers headers, long size, String sha256) throws RpmFormatException {
        Header sig = headers.signature();
        Header main = headers.main();
        String name = required(main, RpmTag.NAME, "NAME");
        String version = required(main, RpmTag.VERSION, "VERSION");
        String release = required(main, RpmTag.RELEASE, "RELEASE");
        Long epoch = main.integer(RpmTag.EPOCH);
        Long buildtime = main.integer(RpmTag.BUILDTIME);
        if (buildtime == null) {
            throw new RpmFormatException("main header has no BUILDTIME tag");
        }
        String sourcerpm = main.string(RpmTag.SOURCERPM);
        Long sourcePackage = main.integer(RpmTag.SOURCEPACKAGE);
        // rpm calls a header a source one when it has no SOURCERPM; Koji looks at SOURCEPACKAGE. Either will do.
        boolean source = sourcerpm == null || (sourcePackage != null && sourcePackage != 0);
        String arch = source ? "src" : required(main, RpmTag.ARCH, "ARCH");
        byte[] md5 = sig.bin(RpmTag.SIG_MD5);
        List<String> payloadDigest = main.stringArray(RpmTag.PAYLOADDIGEST);
        Long algo = main.integer(RpmTag.PAYLOADDIGESTALGO);
        return new RpmInfo(name, smallInt(epoch, "EPOCH"), version, release, arch, buildtime,
                size, md5 == null ? null : HexFormat.of().formatHex(md5), source ? null : sourcerpm,
                payloadDigest == null ? null : payloadDigest.get(0), smallInt(algo, "PAYLOADDIGESTALGO"),
                sig.string(RpmTag.SIG_SHA256), sha256, headers.signatureBytes(), headers.mainHeaderOffset());
    }

    private static Integer smallInt(Long value, String tagName) throws RpmFormatException {
        if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
            throw new RpmFormatException("main header " + tagName + " " + value + " is out of range");
        }
        return value == null ? null : value.intValue();
    }

    private static String required(Header main, int tag, String tagName) throws RpmFormatException {
        String value = main.string(tag);
        if (value == null || value.isEmpty()) {
            throw new RpmFormatException("main header has no " + tagName + " tag");
        }
        return value;
    }
}
