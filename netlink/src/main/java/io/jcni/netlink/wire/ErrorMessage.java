package io.jcni.netlink.wire;

import java.util.Optional;

/**
 * The payload of an NLMSG_ERROR message (struct nlmsgerr plus extended-ack attributes), or of
 * an NLMSG_DONE that ends a dump (an int error, possibly followed by extended-ack attributes).
 *
 * @param errno positive errno, 0 for a plain acknowledgement
 * @param requestType nlmsg_type of the request this answers (0 for NLMSG_DONE)
 * @param kernelMessage NLMSGERR_ATTR_MSG text, if the kernel sent one
 * @param badAttributeOffset NLMSGERR_ATTR_OFFS (byte offset of the offending attribute in the request), or -1
 */
public record ErrorMessage(int errno, int requestType, Optional<String> kernelMessage, int badAttributeOffset) {

    /** Decodes the payload of an NLMSG_ERROR message. */
    public static ErrorMessage ofError(Message m) {
        Cursor c = m.body();
        int error = c.s32("nlmsgerr.error");
        // The embedded nlmsghdr of the request: its length tells how much of the request was echoed.
        int requestLength = c.s32("nlmsgerr.msg.nlmsg_len");
        int requestType = c.u16("nlmsgerr.msg.nlmsg_type");
        c.skip(10, "nlmsgerr.msg");
        Optional<String> text = Optional.empty();
        int offset = -1;
        if ((m.flags() & NetlinkConstants.NLM_F_ACK_TLVS) != 0) {
            if ((m.flags() & NetlinkConstants.NLM_F_CAPPED) == 0) {
                int echoed = requestLength - NetlinkConstants.NLMSG_HDRLEN;
                if (echoed < 0 || echoed > c.remaining()) {
                    throw new NetlinkParseException("nlmsgerr echoes " + requestLength + " request bytes but carries fewer");
                }
                c.skip(ByteOrders.align(echoed) <= c.remaining() ? ByteOrders.align(echoed) : echoed, "nlmsgerr.payload");
            }
            Attributes tlvs = c.attributes();
            text = tlvs.get(NetlinkConstants.NLMSGERR_ATTR_MSG).map(Attribute::string);
            offset = tlvs.get(NetlinkConstants.NLMSGERR_ATTR_OFFS).map(Attribute::u32).orElse(-1);
        }
        return new ErrorMessage(negate(error), requestType, text, offset);
    }

    /** Decodes the payload of an NLMSG_DONE message; an empty payload means success. */
    public static ErrorMessage ofDone(Message m) {
        Cursor c = m.body();
        if (c.remaining() < 4) {
            return new ErrorMessage(0, 0, Optional.empty(), -1);
        }
        int error = c.s32("done.error");
        Optional<String> text = Optional.empty();
        if ((m.flags() & NetlinkConstants.NLM_F_ACK_TLVS) != 0) {
            text = c.attributes().get(NetlinkConstants.NLMSGERR_ATTR_MSG).map(Attribute::string);
        }
        return new ErrorMessage(negate(error), 0, text, -1);
    }

    private static int negate(int error) {
        if (error > 0 || error == Integer.MIN_VALUE) {
            throw new NetlinkParseException("invalid error code " + error + " in netlink error message");
        }
        return -error;
    }
}
