package org.kojinext.hub.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.kojinext.protocol.KojiFault;

class ArgsTest {
    private final MethodSpec getUser = spec(m -> m.method("getUser").param("userInfo", null)
            .param("strict", false).param("krb_princs", true));
    private final MethodSpec echo = spec(m -> m.method("echo").param("first").varargs("args").varkw("kw"));

    /** Completes a declaration with an access rule, doc and handler, which these tests do not care about. */
    private static MethodSpec spec(Function<MethodRegistry.Declarer, MethodRegistry.Builder> decl) {
        ApiModule mod = m -> decl.apply(m).access(Access.anonymousRead()).doc("d").handler((c, a) -> null);
        return MethodRegistry.of(List.of(mod)).all().iterator().next();
    }

    @Test
    void positionalKeywordAndDefaultValuesBindAsInPython() {
        Args a = Args.bind(getUser, List.of("alice"), Map.of("krb_princs", false));
        assertThat(a.get("userInfo")).isEqualTo("alice");
        assertThat(a.bool("strict")).isFalse();
        assertThat(a.bool("krb_princs")).isFalse();
    }

    @Test
    void tooManyPositionalArgumentsIsAParameterError() {
        assertThatThrownBy(() -> Args.bind(getUser, List.of(1, 2, 3, 4), Map.of()))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1019))
                .hasMessageContaining("getUser() takes 3 positional arguments but 4 were given");
    }

    @Test
    void anUnknownKeywordIsAParameterError() {
        assertThatThrownBy(() -> Args.bind(getUser, List.of(), Map.of("bogus", 1)))
                .hasMessageContaining("unexpected keyword argument 'bogus'");
    }

    @Test
    void aValueGivenTwiceIsAParameterError() {
        assertThatThrownBy(() -> Args.bind(getUser, List.of("a"), Map.of("userInfo", "b")))
                .hasMessageContaining("multiple values for argument 'userInfo'");
    }

    @Test
    void aMissingRequiredArgumentIsAParameterError() {
        assertThatThrownBy(() -> Args.bind(echo, List.of(), Map.of()))
                .hasMessageContaining("missing required argument: 'first'");
    }

    @Test
    void extrasGoToTheCatchAlls() {
        Args a = Args.bind(echo, List.of(1, 2, 3), Map.of("x", 4));
        assertThat(a.varargs()).containsExactly(2, 3);
        assertThat(a.varkw()).containsEntry("x", 4);
    }

    @Test
    void aWrongTypeIsAParameterErrorNamingTheParameter() {
        Args a = Args.bind(getUser, List.of(List.of(1)), Map.of());
        assertThatThrownBy(() -> a.str("userInfo"))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1019))
                .hasMessageContaining("userInfo must be a string, not list");
    }
}
