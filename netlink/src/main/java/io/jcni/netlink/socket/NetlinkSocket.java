package io.jcni.netlink.socket;

import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.sys.Libc;
import io.jcni.netlink.wire.ErrorMessage;
import io.jcni.netlink.wire.Message;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.NfnetlinkBatch;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jcni.netlink.wire.NetlinkConstants.NLMSG_DONE;
import static io.jcni.netlink.wire.NetlinkConstants.NLMSG_ERROR;
import static io.jcni.netlink.wire.NetlinkConstants.NLMSG_NOOP;
import static io.jcni.netlink.wire.NetlinkConstants.NLMSG_OVERRUN;

/**
 * A netlink socket talking to the kernel. It lives in the network namespace of the thread that
 * opened it, and keeps talking to that namespace whichever thread uses it later (open it through
 * {@code NetNamespace} to bind it to another namespace).
 *
 * <p>Four ways to talk, each stamping the request with a fresh sequence number and adding
 * NLM_F_REQUEST:
 * <ul>
 * <li>{@link #execute}: a change (NEW/DEL/SET) with NLM_F_ACK; returns when the kernel acks it.
 * <li>{@link #request}: a GET for one object; returns the replies before the ack.
 * <li>{@link #dump}: a GET with NLM_F_DUMP; collects every NLM_F_MULTI part up to NLMSG_DONE and
 *     starts over when the kernel flags the dump NLM_F_DUMP_INTR (the table changed under it).
 * <li>{@link #batch} / {@link #transaction}: several changes in one datagram, each acked; the
 *     first refused message is reported with the object it acted on.
 * </ul>
 * Failures throw {@link ErrnoException} with the errno, the operation, the object and the
 * kernel's extended-ack text. Methods are synchronized: one request at a time per socket.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** User-space receive buffer: the kernel caps dump datagrams at 32 KiB; acks and events are smaller. */
    private static final int RECEIVE_BUFFER = 256 * 1024;
    /** Kernel socket buffers, so that a batch's acks or a burst of events do not overflow. */
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int DUMP_ATTEMPTS = 10;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final NetlinkProtocol protocol;
    private final int fd;
    private final int portId;
    private final MemorySegment receiveBuffer;
    private int nextSeq;
    private boolean closed;

    private NetlinkSocket(NetlinkProtocol protocol, int fd, int portId, MemorySegment receiveBuffer) {
        this.protocol = protocol;
        this.fd = fd;
        this.portId = portId;
        this.receiveBuffer = receiveBuffer;
        // Distinct start per socket, so stale replies of an earlier socket cannot match by accident.
        this.nextSeq = (int) (System.nanoTime() & 0x3fffffff) | 1;
    }

    /** Opens a socket in the calling thread's network namespace. */
    public static NetlinkSocket open(NetlinkProtocol protocol) {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol.number());
        try (Arena arena = Arena.ofConfined()) {
            bufferSize(fd, SO_SNDBUFFORCE, Libc.SO_SNDBUF);
            bufferSize(fd, SO_RCVBUFFORCE, Libc.SO_RCVBUF);
            // Extended acks carry the kernel's reason text; capped acks do not echo our request back.
            Libc.setsockopt(fd, Libc.SOL_NETLINK, NetlinkConstants.NETLINK_EXT_ACK, 1);
            Libc.setsockopt(fd, Libc.SOL_NETLINK, NetlinkConstants.NETLINK_CAP_ACK, 1);
            setTimeout(fd, arena, DEFAULT_TIMEOUT);
            MemorySegment addr = arena.allocate(Libc.SOCKADDR_NL);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            Libc.bind(fd, addr);
            Libc.getsockname(fd, addr);
            int portId = addr.get(ValueLayout.JAVA_INT, 4);
            // Used by whichever thread holds the socket's lock, released by close(): mapped memory,
            // not a shared arena, whose close would stop every thread of the JVM (decisions.md).
            return new NetlinkSocket(protocol, fd, portId, Libc.mapAnonymous(RECEIVE_BUFFER));
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e instanceof ErrnoException x ? x.withContext("open netlink socket", protocol.name()) : e;
        }
    }

    private static void bufferSize(int fd, int forced, int plain) {
        try {
            Libc.setsockopt(fd, Libc.SOL_SOCKET, forced, SOCKET_BUFFER);
        } catch (ErrnoException e) {
            // Without CAP_NET_ADMIN the forced variant is refused; the plain one is capped by rmem_max.
            Libc.setsockopt(fd, Libc.SOL_SOCKET, plain, SOCKET_BUFFER);
        }
    }

    private static void setTimeout(int fd, Arena arena, Duration timeout) {
        MemorySegment tv = arena.allocate(16, 8);
        tv.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
        tv.set(ValueLayout.JAVA_LONG, 8, timeout.toNanosPart() / 1000);
        Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, tv);
    }

    public NetlinkProtocol protocol() {
        return protocol;
    }

    /** The port id the kernel assigned at bind time (the nlmsg_pid of its replies to us). */
    public int portId() {
        return portId;
    }

    /** How long a receive waits before failing with EAGAIN (default 30 s). */
    public synchronized void setReceiveTimeout(Duration timeout) {
        ensureOpen();
        try (Arena a = Arena.ofConfined()) {
            setTimeout(fd, a, timeout);
        }
    }

    /**
     * Sends a change request with NLM_F_ACK and waits for the kernel's answer.
     *
     * @throws ErrnoException naming {@code operation} and {@code object} when the kernel refuses it
     */
    public synchronized void execute(String operation, String object, MessageWriter request) {
        request(operation, object, request);
    }

    /**
     * Sends a request with NLM_F_ACK and returns the kernel's replies (for a GET of one object,
     * the object; for a change with NLM_F_ECHO, the echo), once the ack arrives.
     */
    public synchronized List<Message> request(String operation, String object, MessageWriter request) {
        ensureOpen();
        int seq = send(request.toBytes(NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK, takeSeq()),
                operation, object);
        List<Message> replies = new ArrayList<>();
        while (true) {
            for (Message m : receive(0, operation, object)) {
                if (m.seq() != seq || m.type() == NLMSG_NOOP || m.type() == NLMSG_OVERRUN) {
                    continue;
                }
                if (m.type() == NLMSG_ERROR) {
                    ErrorMessage e = ErrorMessage.ofError(m);
                    if (e.errno() != 0) {
                        throw new ErrnoException(e.errno(), operation, object, e.kernelMessage().orElse(null));
                    }
                    return replies;
                }
                if (m.type() == NLMSG_DONE) {
                    failIfError(ErrorMessage.ofDone(m), operation, object);
                    continue;
                }
                replies.add(m);
            }
        }
    }

    /**
     * Sends a GET with NLM_F_DUMP and returns every object of the dump. Starts over (up to 10
     * times) when the kernel marks the dump interrupted by a concurrent change.
     */
    public synchronized List<Message> dump(String operation, String object, MessageWriter request) {
        ensureOpen();
        for (int attempt = 0; attempt < DUMP_ATTEMPTS; attempt++) {
            int seq = send(request.toBytes(NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, takeSeq()),
                    operation, object);
            List<Message> parts = new ArrayList<>();
            boolean interrupted = false;
            boolean done = false;
            while (!done) {
                for (Message m : receive(0, operation, object)) {
                    if (m.seq() != seq || m.type() == NLMSG_NOOP || m.type() == NLMSG_OVERRUN) {
                        continue;
                    }
                    interrupted |= (m.flags() & NetlinkConstants.NLM_F_DUMP_INTR) != 0;
                    if (m.type() == NLMSG_DONE) {
                        failIfError(ErrorMessage.ofDone(m), operation, object);
                        done = true;
                        break;
                    }
                    if (m.type() == NLMSG_ERROR) {
                        failIfError(ErrorMessage.ofError(m), operation, object);
                        done = true;
                        break;
                    }
                    parts.add(m);
                }
            }
            if (!interrupted) {
                return parts;
            }
        }
        throw new ErrnoException(Errno.EINTR, operation, object,
                "dump was interrupted by concurrent changes " + DUMP_ATTEMPTS + " times");
    }

    /**
     * Sends several change requests in one datagram, each with NLM_F_ACK, and collects the acks.
     * The kernel handles the messages in order before send returns, so every ack is already
     * queued when reading starts. rtnetlink applies each message on its own; use
     * {@link #transaction} for nfnetlink's all-or-nothing batches. Dump requests do not belong here.
     *
     * @throws ErrnoException for the first message the kernel refused, naming its object
     */
    public synchronized void batch(String operation, List<BatchMessage> messages) {
        ensureOpen();
        if (messages.isEmpty()) {
            return;
        }
        int firstSeq = nextSeq;
        List<byte[]> encoded = new ArrayList<>(messages.size());
        int total = 0;
        for (BatchMessage m : messages) {
            byte[] b = m.message().toBytes(NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK, takeSeq());
            encoded.add(b);
            total += b.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] b : encoded) {
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        send(all, operation, messages.getFirst().object());

        Map<Integer, ErrorMessage> acks = new HashMap<>();
        while (true) {
            List<Message> received;
            try {
                received = receive(Libc.MSG_DONTWAIT, operation, messages.getFirst().object());
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    break;
                }
                throw e;
            }
            for (Message m : received) {
                int index = m.seq() - firstSeq;
                if (m.type() == NLMSG_ERROR && index >= 0 && index < messages.size()) {
                    acks.put(index, ErrorMessage.ofError(m));
                }
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            ErrorMessage e = acks.get(i);
            if (e != null && e.errno() != 0) {
                throw new ErrnoException(e.errno(), operation, messages.get(i).object(), e.kernelMessage().orElse(null));
            }
        }
    }

    /**
     * An nfnetlink transaction: {@code messages} framed by NFNL_MSG_BATCH_BEGIN/END for
     * {@code subsystem} (e.g. NFNL_SUBSYS_NFTABLES) and sent as one {@link #batch}. The kernel
     * applies all of them or none.
     */
    public synchronized void transaction(String operation, int subsystem, List<BatchMessage> messages) {
        List<BatchMessage> framed = new ArrayList<>(messages.size() + 2);
        framed.add(new BatchMessage("nfnetlink batch begin", NfnetlinkBatch.begin(subsystem)));
        framed.addAll(messages);
        framed.add(new BatchMessage("nfnetlink batch end", NfnetlinkBatch.end(subsystem)));
        batch(operation, framed);
    }

    /**
     * Joins a multicast group (RTNLGRP_*, NFNLGRP_*), for event listeners. Use a socket of its own
     * for listening: request methods drop messages that are not replies to them, events included.
     */
    public synchronized void joinGroup(int group) {
        ensureOpen();
        Libc.setsockopt(fd, Libc.SOL_NETLINK, NetlinkConstants.NETLINK_ADD_MEMBERSHIP, group);
    }

    /**
     * Waits for the next datagram and returns its messages, for event listeners. Throws
     * ErrnoException EAGAIN when the receive timeout passes, ENOBUFS when events were lost.
     */
    public synchronized List<Message> receive() {
        ensureOpen();
        return receive(0, "receive", protocol.name() + " events");
    }

    private int takeSeq() {
        int seq = nextSeq++;
        if (nextSeq == 0) {
            nextSeq = 1;
        }
        return seq;
    }

    private int send(byte[] bytes, String operation, String object) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(bytes.length, 8);
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment kernel = a.allocate(Libc.SOCKADDR_NL);
            kernel.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            Libc.sendto(fd, buf, bytes.length, 0, kernel);
        } catch (ErrnoException e) {
            throw e.withContext(operation, object);
        }
        return java.nio.ByteBuffer.wrap(bytes, 8, 4).order(java.nio.ByteOrder.nativeOrder()).getInt();
    }

    private List<Message> receive(int flags, String operation, String object) {
        long n;
        try {
            n = Libc.recvfrom(fd, receiveBuffer, receiveBuffer.byteSize(), flags | Libc.MSG_TRUNC);
        } catch (ErrnoException e) {
            throw e.errno() == Errno.EAGAIN && (flags & Libc.MSG_DONTWAIT) != 0 ? e : e.withContext(operation, object);
        }
        if (n > receiveBuffer.byteSize()) {
            throw new ErrnoException(Errno.EMSGSIZE, operation, object,
                    "reply of " + n + " bytes exceeded the " + receiveBuffer.byteSize() + "-byte receive buffer");
        }
        byte[] data = receiveBuffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
        return Message.parseAll(data, 0, data.length);
    }

    private static void failIfError(ErrorMessage e, String operation, String object) {
        if (e.errno() != 0) {
            throw new ErrnoException(e.errno(), operation, object, e.kernelMessage().orElse(null));
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("netlink socket is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
            Libc.unmap(receiveBuffer);
        }
    }
}
