package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Verb;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad input: the right code, a message naming the field, and nothing left on the host. */
class BandwidthConfigTest {
    private static ShapingLab lab;
    private static ScratchNamespace pod;

    @BeforeAll
    static void setUp() {
        lab = new ShapingLab();
        pod = lab.pod("vethbwc");
    }

    @AfterAll
    static void tearDown() {
        lab.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"ingressRate\":-5,\"ingressBurst\":3 | 7 | ingressRate: expected a non-negative integer, got -5",
            "\"ingressRate\":\"8mbit\",\"ingressBurst\":3 | 7 | ingressRate: expected a non-negative integer, got \"8mbit\"",
            "\"egressRate\":1.5,\"egressBurst\":80 | 7 | egressRate: expected a non-negative integer, got 1.5",
            "\"egressRate\":1e6,\"egressBurst\":80 | 7 | egressRate: expected a non-negative integer, got 1000000.0",
            "\"ingressRate\":100 | 7 | ingressBurst: must be set when ingressRate is set",
            "\"egressBurst\":100 | 7 | egressRate: must be set when egressBurst is set",
            "\"ingressRate\":0,\"ingressBurst\":800 | 7 | ingressRate: must be set when ingressBurst is set",
            "\"ingressRate\":7,\"ingressBurst\":800 | 7 | ingressRate: 7 bits/s is below the smallest rate tc can express (8 bits/s, 1 byte/s)",
            "\"ingressRate\":800,\"ingressBurst\":4 | 7 | ingressBurst: 4 bits is below the smallest burst (8 bits, 1 byte)",
            "\"ingressRate\":8000000,\"ingressBurst\":40000000000 | 7 | ingressBurst: 40000000000 bits is 4 GiB or more; the kernel's burst is a 32-bit byte count",
            "\"ingressRate\":18446744073709551615,\"ingressBurst\":80 | 7 | ingressRate: 18446744073709551615 is larger than 9223372036854775807",
            "\"ingressRate\":800,\"ingressBurst\":80,\"unshapedSubnets\":[\"10.0.0.0/8\"],\"shapedSubnets\":[\"10.1.0.0/16\"] | 7 | unshapedSubnets: cannot be combined with shapedSubnets; set one of them",
            "\"ingressRate\":800,\"ingressBurst\":80,\"shapedSubnets\":[\"10.1.0.0/33\"] | 7 | shapedSubnets[0]: invalid CIDR \"10.1.0.0/33\": prefix length must be 0 to 32",
            "\"ingressRate\":800,\"ingressBurst\":80,\"shapedSubnets\":\"10.1.0.0/16\" | 7 | shapedSubnets: expected an array of CIDR strings, got \"10.1.0.0/16\"",
            "\"ingressRate\":800,\"ingressBurst\":80,\"unshapedSubnets\":[\"10.0.0.0/8\", 7] | 7 | unshapedSubnets[1]: expected a CIDR string, got 7",
            "\"runtimeConfig\":{\"bandwidth\":{\"EgressRate\":800}} | 7 | runtimeConfig.bandwidth.egressBurst: must be set when egressRate is set",
            "\"runtimeConfig\":{\"bandwidth\":[1]} | 7 | runtimeConfig.bandwidth: expected an object, got an array",
    })
    void refusedWithCodeAndFieldAndNothingLeft(String keys, int code, String message) {
        String config = ShapingLab.config(keys, "vethbwc", pod);
        CniException e = assertThrows(CniException.class,
                () -> lab.plugin.add(ShapingLab.request(Verb.ADD, "ctr-bad", Optional.of(pod.path()), config)));
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
        assertEquals("", lab.ifbs());
        assertFalse(lab.host.exec("tc", "qdisc", "show").contains("tbf"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | 7 | prevResult: missing; bandwidth must be called as a chained plugin",
    })
    void addWithoutPrevResultIsRefused(String unused, int code, String message) {
        String config = "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"bandwidth\",\"ingressRate\":800,\"ingressBurst\":80}";
        CniException e = assertThrows(CniException.class,
                () -> lab.plugin.add(ShapingLab.request(Verb.ADD, "ctr-bad", Optional.of(pod.path()), config)));
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
        assertEquals(ErrorCode.INVALID_NETWORK_CONFIG.code(), e.code());
    }
}
