package io.jcni.netlink.ns;

import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ScratchNamespaceExtension.class)
class SysctlTest {

    @Test
    void writesLandInTheNamespaceOnly(ScratchNamespace scratch) throws Exception {
        String rootBefore = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip();
        NetNamespace ns = scratch.namespace();
        assertEquals("0", Sysctl.read(ns, "net/ipv4/ip_forward"));
        Sysctl.write(ns, "net/ipv4/ip_forward", "1");
        assertEquals("1", Sysctl.read(ns, "net/ipv4/ip_forward"));
        Sysctl.write(ns, "net/ipv6/conf/lo/accept_dad", "0");
        assertEquals("0", Sysctl.read(ns, "net/ipv6/conf/lo/accept_dad"));
        assertEquals(rootBefore, Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());
    }

    @Test
    void failuresNameTheKeyAndNamespace(ScratchNamespace scratch) {
        NetNamespace ns = scratch.namespace();
        ErrnoException missing = assertThrows(ErrnoException.class,
                () -> Sysctl.read(ns, "net/ipv6/conf/nosuchif0/accept_dad"));
        assertEquals(Errno.ENOENT, missing.errno());
        assertTrue(missing.getMessage().contains("net/ipv6/conf/nosuchif0/accept_dad"), missing.getMessage());
        assertTrue(missing.getMessage().contains(scratch.name()), missing.getMessage());
        ErrnoException invalid = assertThrows(ErrnoException.class,
                () -> Sysctl.write(ns, "net/ipv4/ip_forward", "banana"));
        assertEquals(Errno.EINVAL, invalid.errno());
        assertThrows(IllegalArgumentException.class, () -> Sysctl.read(ns, "kernel/hostname"));
        assertThrows(IllegalArgumentException.class, () -> Sysctl.read(ns, "net/../kernel/hostname"));
    }
}
