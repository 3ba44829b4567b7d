package org.kojinext.hub.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodRegistryTest {

    @Test
    void aMethodWithoutAnAccessRuleCannotBeRegistered() {
        ApiModule careless = m -> m.method("leaky").doc("forgot the rule").handler((ctx, a) -> 1);
        assertThatThrownBy(() -> MethodRegistry.of(List.of(careless)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leaky declares no access rule");
    }

    @Test
    void aMethodWithoutDocCannotBeRegistered() {
        ApiModule careless = m -> m.method("mute").access(Access.anonymousRead()).handler((ctx, a) -> 1);
        assertThatThrownBy(() -> MethodRegistry.of(List.of(careless)))
                .hasMessageContaining("mute declares no doc");
    }

    @Test
    void aNameCanBeDeclaredOnlyOnce() {
        ApiModule twice = m -> {
            m.method("x").access(Access.anonymousRead()).doc("d").handler((ctx, a) -> 1);
            m.method("x").access(Access.anonymousRead()).doc("d").handler((ctx, a) -> 2);
        };
        assertThatThrownBy(() -> MethodRegistry.of(List.of(twice))).hasMessageContaining("declared twice: x");
    }

    @Test
    void parametersMustFollowPythonOrder() {
        ApiModule bad = m -> m.method("x").param("a", 1).param("b")
                .access(Access.anonymousRead()).doc("d").handler((ctx, a) -> 1);
        assertThatThrownBy(() -> MethodRegistry.of(List.of(bad))).hasMessageContaining("out of order");
    }

    @Test
    void argdescRendersDefaultsAsPythonDoes() {
        ApiModule mod = m -> m.method("getTag").param("tagInfo").param("strict", false).param("event", null)
                .param("name", "x'y").varargs("args").varkw("opts")
                .access(Access.anonymousRead()).doc("d").handler((ctx, a) -> 1);
        MethodSpec spec = MethodRegistry.of(List.of(mod)).find("getTag");
        assertThat(spec.argdesc()).isEqualTo("(tagInfo, strict=False, event=None, name='x\\'y', *args, **opts)");
    }
}
