package org.kojinext.builder.scm;

import java.util.regex.Pattern;

/**
 * Python's fnmatch as Koji uses it on POSIX: case-sensitive, '*' and '?' also match '/', [seq]
 * and [!seq] classes; an unclosed '[' is a literal.
 */
final class Glob {
    private Glob() {
    }

    static boolean matches(String name, String pattern) {
        return compile(pattern).matcher(name).matches();
    }

    static Pattern compile(String pat) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String body = pat.substring(i, j);
                    i = j + 1;
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (body.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    }
                    for (; k < body.length(); k++) {
                        char b = body.charAt(k);
                        // '-' keeps its range meaning; the rest is literal inside the class.
                        if ("\\[]^&".indexOf(b) >= 0) {
                            cls.append('\\');
                        }
                        cls.append(b);
                    }
                    re.append(cls).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
