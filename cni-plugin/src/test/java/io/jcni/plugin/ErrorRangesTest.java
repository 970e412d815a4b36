package io.jcni.plugin;

import io.jcni.conf.ErrorRange;
import io.jcni.ipam.IpamErrors;
import io.jcni.plugin.bandwidth.BandwidthErrors;
import io.jcni.plugin.firewall.FirewallErrors;
import io.jcni.plugin.kernel.HostErrors;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every plugin error code lies in its class's range, and no number has two meanings. */
class ErrorRangesTest {
    private static final Map<Class<?>, ErrorRange> CODES = Map.of(
            IpamErrors.class, ErrorRange.IPAM,
            HostErrors.class, ErrorRange.HOST,
            FirewallErrors.class, ErrorRange.FIREWALL,
            BandwidthErrors.class, ErrorRange.BANDWIDTH);

    @Test
    void everyCodeIsInItsRangeAndUnique() throws Exception {
        Map<Integer, String> seen = new HashMap<>();
        for (Map.Entry<Class<?>, ErrorRange> c : CODES.entrySet()) {
            int count = 0;
            for (Field f : c.getKey().getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                    int code = f.getInt(null);
                    String name = c.getKey().getSimpleName() + "." + f.getName();
                    assertTrue(c.getValue().contains(code), name + " = " + code + " is outside " + c.getValue());
                    assertNull(seen.put(code, name), name + " reuses " + code);
                    count++;
                }
            }
            assertTrue(count > 0, c.getKey() + " has no codes");
        }
    }

    @Test
    void rangesDoNotOverlapAndStartAt100() {
        int next = 100;
        for (ErrorRange r : ErrorRange.values()) {
            assertEquals(next, r.first(), r.name());
            next = r.last() + 1;
        }
        assertEquals(ErrorRange.IPAM, ErrorRange.of(103).orElseThrow());
        assertEquals(ErrorRange.HOST, ErrorRange.of(111).orElseThrow());
        assertFalse(ErrorRange.of(999).isPresent());
    }
}
