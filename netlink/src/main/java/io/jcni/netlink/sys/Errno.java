package io.jcni.netlink.sys;

import java.util.Map;

/**
 * Linux errno numbers (x86_64 and arm64 share them) and their symbolic names. Only the numbers
 * our code reacts to get constants; the table names every errno the kernel commonly returns so
 * that error messages say "EEXIST" rather than "17".
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    public static final int ERANGE = 34;
    public static final int EMSGSIZE = 90;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ENOBUFS = 105;
    public static final int ETIMEDOUT = 110;
    /** Kernel-internal "not supported" that some drivers leak to user space. */
    public static final int ENOTSUPP = 524;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(3, "ESRCH"),
            Map.entry(4, "EINTR"), Map.entry(5, "EIO"), Map.entry(6, "ENXIO"),
            Map.entry(7, "E2BIG"), Map.entry(8, "ENOEXEC"), Map.entry(9, "EBADF"),
            Map.entry(10, "ECHILD"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
            Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(15, "ENOTBLK"),
            Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"), Map.entry(18, "EXDEV"),
            Map.entry(19, "ENODEV"), Map.entry(20, "ENOTDIR"), Map.entry(21, "EISDIR"),
            Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"), Map.entry(24, "EMFILE"),
            Map.entry(25, "ENOTTY"), Map.entry(26, "ETXTBSY"), Map.entry(27, "EFBIG"),
            Map.entry(28, "ENOSPC"), Map.entry(29, "ESPIPE"), Map.entry(30, "EROFS"),
            Map.entry(31, "EMLINK"), Map.entry(32, "EPIPE"), Map.entry(33, "EDOM"),
            Map.entry(34, "ERANGE"), Map.entry(35, "EDEADLK"), Map.entry(36, "ENAMETOOLONG"),
            Map.entry(37, "ENOLCK"), Map.entry(38, "ENOSYS"), Map.entry(39, "ENOTEMPTY"),
            Map.entry(40, "ELOOP"), Map.entry(42, "ENOMSG"), Map.entry(43, "EIDRM"),
            Map.entry(61, "ENODATA"), Map.entry(62, "ETIME"), Map.entry(71, "EPROTO"),
            Map.entry(74, "EBADMSG"), Map.entry(75, "EOVERFLOW"), Map.entry(84, "EILSEQ"),
            Map.entry(88, "ENOTSOCK"), Map.entry(89, "EDESTADDRREQ"), Map.entry(90, "EMSGSIZE"),
            Map.entry(91, "EPROTOTYPE"), Map.entry(92, "ENOPROTOOPT"),
            Map.entry(93, "EPROTONOSUPPORT"), Map.entry(94, "ESOCKTNOSUPPORT"),
            Map.entry(95, "EOPNOTSUPP"), Map.entry(96, "EPFNOSUPPORT"),
            Map.entry(97, "EAFNOSUPPORT"), Map.entry(98, "EADDRINUSE"),
            Map.entry(99, "EADDRNOTAVAIL"), Map.entry(100, "ENETDOWN"),
            Map.entry(101, "ENETUNREACH"), Map.entry(102, "ENETRESET"),
            Map.entry(103, "ECONNABORTED"), Map.entry(104, "ECONNRESET"),
            Map.entry(105, "ENOBUFS"), Map.entry(106, "EISCONN"), Map.entry(107, "ENOTCONN"),
            Map.entry(108, "ESHUTDOWN"), Map.entry(109, "ETOOMANYREFS"),
            Map.entry(110, "ETIMEDOUT"), Map.entry(111, "ECONNREFUSED"),
            Map.entry(112, "EHOSTDOWN"), Map.entry(113, "EHOSTUNREACH"),
            Map.entry(114, "EALREADY"), Map.entry(115, "EINPROGRESS"), Map.entry(116, "ESTALE"),
            Map.entry(122, "EDQUOT"), Map.entry(125, "ECANCELED"),
            Map.entry(130, "EOWNERDEAD"), Map.entry(131, "ENOTRECOVERABLE"),
            Map.entry(132, "ERFKILL"), Map.entry(133, "EHWPOISON"),
            Map.entry(517, "EPROBE_DEFER"), Map.entry(524, "ENOTSUPP"));

    private Errno() {
    }

    /** The symbolic name, e.g. "EEXIST", or "errno N" for a number we have no name for. */
    public static String name(int errno) {
        String name = NAMES.get(errno);
        return name != null ? name : "errno " + errno;
    }
}
