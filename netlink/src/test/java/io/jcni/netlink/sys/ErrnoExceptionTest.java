package io.jcni.netlink.sys;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrnoExceptionTest {

    @Test
    void messageNamesOperationObjectErrnoAndKernelText() {
        ErrnoException e = new ErrnoException(Errno.EEXIST, "add bridge", "br0", "File exists in this namespace");
        assertEquals("EEXIST", e.errnoName());
        assertEquals(17, e.errno());
        assertEquals("add bridge br0 failed: EEXIST (File exists): File exists in this namespace", e.getMessage());
        assertEquals("File exists in this namespace", e.kernelMessage().orElseThrow());
    }

    @Test
    void withContextKeepsErrnoAndKernelText() {
        ErrnoException low = new ErrnoException(Errno.ENODEV, "RTM_GETLINK", "", "no such device");
        ErrnoException high = low.withContext("get link", "eth9");
        assertEquals(Errno.ENODEV, high.errno());
        assertEquals("get link", high.operation());
        assertEquals("eth9", high.object());
        assertTrue(high.getMessage().startsWith("get link eth9 failed: ENODEV"), high.getMessage());
        assertEquals(low, high.getCause());
    }

    @Test
    void unknownErrnoHasANumericName() {
        assertEquals("errno 4000", Errno.name(4000));
        assertEquals("EOPNOTSUPP", Errno.name(95));
    }

    @Test
    void failingSystemCallsCarryTheirErrno() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Libc.open("/nonexistent/jcni-test", Libc.O_RDONLY));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("open", e.operation());
        assertEquals("/nonexistent/jcni-test", e.object());
        ErrnoException bad = assertThrows(ErrnoException.class, () -> Libc.close(-1));
        assertEquals(Errno.EBADF, bad.errno());
        ErrnoException dev = assertThrows(ErrnoException.class, () -> Libc.ifNameToIndex("jcni-no-such-if"));
        assertEquals(Errno.ENODEV, dev.errno());
    }
}
