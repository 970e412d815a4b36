package io.jcni.manager.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The daemon's answer to a call or a status question: what the one-shot process would have
 * printed and its exit status.
 */
public record Reply(int exitStatus, byte[] stdout, byte[] stderr) {
    public Reply {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        int body = 4 + 4 + stdout.length + 4 + stderr.length;
        ByteBuf out = alloc.buffer(Frames.HEADER_BYTES + body);
        out.writeInt(Frames.MAGIC);
        out.writeByte(Frames.VERSION);
        out.writeByte(Frames.KIND_REPLY);
        out.writeShort(0);
        out.writeInt(body);
        out.writeInt(exitStatus);
        out.writeInt(stdout.length);
        out.writeBytes(stdout);
        out.writeInt(stderr.length);
        out.writeBytes(stderr);
        return out;
    }

    /** Reads a reply from a blocking stream (the command line's status client and tests). */
    public static Reply read(InputStream in) throws IOException, ProtocolException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        int version = data.readUnsignedByte();
        int kind = data.readUnsignedByte();
        data.readUnsignedShort();
        long length = Integer.toUnsignedLong(data.readInt());
        if (magic != Frames.MAGIC || version != Frames.VERSION || kind != Frames.KIND_REPLY) {
            throw new ProtocolException(String.format("not a reply frame (magic 0x%08x, version %d, kind %d)",
                    magic, version, kind));
        }
        if (length > Frames.MAX_BODY_BYTES * 2L) {
            throw new ProtocolException("reply of " + length + " bytes");
        }
        int status = data.readInt();
        byte[] out = new byte[data.readInt()];
        data.readFully(out);
        byte[] err = new byte[data.readInt()];
        data.readFully(err);
        return new Reply(status, out, err);
    }
}
