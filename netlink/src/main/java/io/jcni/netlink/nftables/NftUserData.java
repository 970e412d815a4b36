package io.jcni.netlink.nftables;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The user data nft attaches to tables, chains and rules: libnftnl's TLV list (type u8, length u8,
 * value), where the comment is type 0 holding a NUL-terminated string. Written exactly so, nft
 * shows it as {@code comment "..."}.
 */
final class NftUserData {
    private NftUserData() {
    }

    static byte[] comment(String comment) {
        byte[] text = comment.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 3);
        out.write(NftConstants.NFTNL_UDATA_COMMENT);
        out.write(text.length + 1);
        out.writeBytes(text);
        out.write(0);
        return out.toByteArray();
    }

    /** The comment TLV of {@code data}, if any; malformed TLV lists yield no comment rather than an error. */
    static Optional<String> readComment(byte[] data) {
        int pos = 0;
        while (pos + 2 <= data.length) {
            int type = Byte.toUnsignedInt(data[pos]);
            int len = Byte.toUnsignedInt(data[pos + 1]);
            if (pos + 2 + len > data.length) {
                return Optional.empty();
            }
            if (type == NftConstants.NFTNL_UDATA_COMMENT) {
                int end = pos + 2;
                while (end < pos + 2 + len && data[end] != 0) {
                    end++;
                }
                return Optional.of(new String(data, pos + 2, end - pos - 2, StandardCharsets.UTF_8));
            }
            pos += 2 + len;
        }
        return Optional.empty();
    }
}
