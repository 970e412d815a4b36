package io.jcni.netlink.sys;

/**
 * The Linux system call numbers {@link Libc} passes to {@code syscall(2)}, for the two
 * architectures the JDK runs jcni on (x86_64 from {@code asm/unistd_64.h}, aarch64 from
 * {@code asm-generic/unistd.h}). aarch64 has no {@code open}: both use {@code openat}.
 */
enum SyscallNumber {
    READ(0, 63),
    WRITE(1, 64),
    CLOSE(3, 57),
    MMAP(9, 222),
    MUNMAP(11, 215),
    SOCKET(41, 198),
    SENDTO(44, 206),
    RECVFROM(45, 207),
    SENDMSG(46, 211),
    RECVMSG(47, 212),
    BIND(49, 200),
    GETSOCKNAME(51, 204),
    SETSOCKOPT(54, 208),
    FLOCK(73, 32),
    SETPRIORITY(141, 140),
    GETTID(186, 178),
    MOUNT(165, 40),
    UMOUNT2(166, 39),
    OPENAT(257, 56),
    UNSHARE(272, 97),
    SETNS(308, 268);

    private static final boolean AARCH64 = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> false;
        case "aarch64" -> true;
        default -> throw new IllegalStateException(
                "jcni's netlink module supports x86_64 and aarch64, not " + System.getProperty("os.arch"));
    };

    private final long x8664;
    private final long aarch64;

    SyscallNumber(long x8664, long aarch64) {
        this.x8664 = x8664;
        this.aarch64 = aarch64;
    }

    /** The number on the architecture this JVM runs on. */
    long number() {
        return AARCH64 ? aarch64 : x8664;
    }
}
