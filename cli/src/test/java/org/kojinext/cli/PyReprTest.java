package org.kojinext.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyReprTest {
    @Test
    void floatsReadAsPythonWritesThem() {
        assertThat(PyRepr.floatRepr(1795692777.432446)).isEqualTo("1795692777.432446");
        assertThat(PyRepr.floatRepr(5.0)).isEqualTo("5.0");
        assertThat(PyRepr.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PyRepr.floatRepr(100.0)).isEqualTo("100.0");
        assertThat(PyRepr.floatRepr(0.000015)).isEqualTo("1.5e-05");
        assertThat(PyRepr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PyRepr.floatRepr(-2.5e22)).isEqualTo("-2.5e+22");
        assertThat(Json.write(List.of(1.0e9))).isEqualTo("[\n  1000000000.0\n]");
    }

    @Test
    void reprAndPprintFollowPython() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "it's");
        m.put("arches", null);
        m.put("locked", true);
        assertThat(PyRepr.repr(m)).isEqualTo("{'arches': None, 'locked': True, 'name': \"it's\"}");
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            wide.put("key" + i, "value number " + i);
        }
        assertThat(PyRepr.pformat(wide)).isEqualTo("{'key0': 'value number 0',\n 'key1': 'value number 1',\n"
                + " 'key2': 'value number 2',\n 'key3': 'value number 3',\n 'key4': 'value number 4',\n"
                + " 'key5': 'value number 5'}");
    }
}
