package org.kojinext.builder.scm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * A source location in Koji's form {@code scheme://[user@]host/path/to/repo?path/to/module#ref}
 * (koji.daemon.SCM), limited to git. {@code git+file:///abs/path#ref} names a repository on the
 * builder itself; like any URL without a netloc its host is the empty string.
 *
 * <p>Every part ends up as an argument to git or as a path under the checkout, so each is checked
 * here rather than trusted: no '..' segment in the path or subdir (CVE-2017-1002153 was a
 * module path escaping the checkout), and no part that git could read as an option (a leading
 * '-' in host, user or ref).
 */
public record ScmUrl(String url, String scheme, String user, String host, String repository, String module,
        String revision) {

    /** Schemes Koji accepts for git, plus git+file:// for checkouts on the builder. */
    public static final List<String> SCHEMES = List.of(
            "git://", "git+http://", "git+https://", "git+rsync://", "git+ssh://", "git+file://");

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]{1,5})?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~+@=,-]+");
    // git refnames forbid more than this; ':' is refused too since a ref may end up in a refspec.
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/+@-]+");

    public static ScmUrl parse(String url) {
        if (url == null || url.isEmpty()) {
            throw fault("Invalid SCM URL: empty");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw fault("Invalid SCM URL: whitespace or control character in " + printable(url));
            }
        }
        String scheme = SCHEMES.stream().filter(url::startsWith).findFirst().orElseThrow(() -> fault(
                "Invalid scheme in scm url. Valid schemes are: " + String.join(" ", SCHEMES.stream().sorted().toList())));
        String rest = url.substring(scheme.length());

        int hash = rest.indexOf('#');
        if (hash < 0 || hash == rest.length() - 1) {
            throw fault("No revision (#ref) in SCM url: " + url);
        }
        String revision = rest.substring(hash + 1);
        rest = rest.substring(0, hash);
        checkRef(revision, url);

        String module = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            module = normalize(rest.substring(q + 1), "subdir", url);
            rest = rest.substring(0, q);
        }

        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw fault("Unable to parse SCM URL: " + url + " . Could not find the path element.");
        }
        String netloc = rest.substring(0, slash);
        String repository = "/" + normalize(rest.substring(slash), "path", url);
        if (repository.equals("/")) {
            throw fault("Unable to parse SCM URL: " + url + " . Could not find the path element.");
        }

        String user = null;
        String host = netloc;
        int at = netloc.lastIndexOf('@');
        if (at >= 0) {
            user = netloc.substring(0, at);
            host = netloc.substring(at + 1);
            if (user.contains(":")) {
                throw fault("username:password format not supported: " + url.replaceAll(":[^:@/]*@", ":***@"));
            }
            if (!USER.matcher(user).matches()) {
                throw fault("Invalid username in SCM url: " + url);
            }
        }
        if (scheme.equals("git+file://")) {
            if (!netloc.isEmpty()) {
                throw fault("A git+file SCM url names no host (git+file:///abs/path#ref): " + url);
            }
        } else if (!HOST.matcher(host).matches()) {
            throw fault("Invalid host in SCM url: " + url);
        }
        return new ScmUrl(url, scheme, user, host, repository, module, revision);
    }

    /** The URL git is given: Koji's, with the "git+" prefix dropped. */
    public String gitUrl() {
        String transport = scheme.startsWith("git+") ? scheme.substring(4) : scheme;
        if (scheme.equals("git+ssh://")) {
            transport = "ssh://";
        }
        return transport + (user == null ? "" : user + "@") + host + repository;
    }

    /** The protocol name git must be allowed to use for this URL (GIT_ALLOW_PROTOCOL). */
    public String gitProtocol() {
        String s = gitUrl();
        return s.substring(0, s.indexOf("://"));
    }

    /** Whether the repository is on the builder itself (git+file://). */
    public boolean isLocal() {
        return host.isEmpty();
    }

    /** The directory name a checkout goes into: the repository's last component without ".git". */
    public String checkoutName() {
        String r = repository;
        if (r.endsWith("/.git")) {
            r = r.substring(0, r.length() - 5);
        } else if (r.endsWith(".git")) {
            r = r.substring(0, r.length() - 4);
        }
        String name = r.substring(r.lastIndexOf('/') + 1);
        return name.isEmpty() || name.equals(".") ? "checkout" : name;
    }

    /** This location pinned to a commit, as Koji records a build's source. */
    public String withRevision(String commit) {
        return url.substring(0, url.indexOf('#') + 1) + commit;
    }

    private static void checkRef(String ref, String url) {
        if (ref.startsWith("-")) {
            throw fault("Invalid revision in SCM url (must not start with '-'): " + url);
        }
        if (!REF.matcher(ref).matches() || ref.contains("..") || ref.contains("//") || ref.endsWith("/")
                || ref.endsWith(".lock") || ref.contains("@{")) {
            throw fault("Invalid revision in SCM url: " + url);
        }
    }

    /**
     * Collapses repeated '/' and '.' segments as Koji's normpath does and strips the trailing '/';
     * refuses '..' outright instead of resolving it, and any segment git might take as an option.
     */
    private static String normalize(String p, String what, String url) {
        List<String> kept = new ArrayList<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                throw fault("Invalid SCM url: '..' in " + what + ": " + url);
            }
            if (seg.startsWith("-") || !SEGMENT.matcher(seg).matches()) {
                throw fault("Invalid character in SCM url " + what + ": " + url);
            }
            kept.add(seg);
        }
        return String.join("/", kept);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < ' ' || c >= 0x7f ? String.format("\\u%04x", (int) c) : c);
        }
        return b.toString();
    }

    static KojiFault fault(String message) {
        return new KojiFault(FaultCode.GENERIC, message);
    }
}
