package io.jcni.conf.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpTextTest {
    @ParameterizedTest
    @CsvSource({
        "10.1.2.3, 10.1.2.3",
        "0.0.0.0, 0.0.0.0",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:DB8::A, 2001:db8::a",
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "fe80:0000:0000:0000:0204:61ff:fe9d:f156, fe80::204:61ff:fe9d:f156",
        "::ffff:10.0.0.1, 10.0.0.1"})
    void formatsLikeGo(String input, String canonical) {
        assertEquals(canonical, IpText.format(IpText.parse(input)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "10.1", "10.1.2", "010.1.2.3", "10.1.2.256", "1.2.3.4.5",
        "fe80::1%eth0", "[::1]", "::g", "", " 10.1.2.3", "1:2:3:4:5:6:7:8:9"})
    void rejectsWhatIsNotALiteral(String input) {
        assertThrows(IllegalArgumentException.class, () -> IpText.parse(input));
    }

    @Test
    void prefixKeepsHostBitsAndFamily() {
        IpPrefix p = IpPrefix.parse("10.1.2.3/24");
        assertEquals("10.1.2.3/24", p.toString());
        assertEquals(24, p.prefixLength());
        assertTrue(p.isIpv4());
        IpPrefix q = IpPrefix.parse("2001:db8:0::5/64");
        assertEquals("2001:db8::5/64", q.toString());
        assertFalse(q.isIpv4());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "10.1.2.3/", "10.1.2.3/33", "10.1.2.3/-1", "10.1.2.3/024", "::/129",
        "10.1.2.3/2x", "host/24"})
    void rejectsInvalidPrefixes(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(input));
        assertTrue(e.getMessage().contains("invalid"), e.getMessage());
    }
}
