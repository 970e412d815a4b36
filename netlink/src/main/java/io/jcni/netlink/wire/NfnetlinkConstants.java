package io.jcni.netlink.wire;

/** Values from linux/netfilter/nfnetlink.h needed to frame batches; nf_tables values live with nf_tables. */
public final class NfnetlinkConstants {
    public static final int NFNETLINK_V0 = 0;
    public static final int NFNL_SUBSYS_NFTABLES = 10;
    /** Batch delimiters: nfgenmsg.res_id carries the subsystem the batch is for. */
    public static final int NFNL_MSG_BATCH_BEGIN = NetlinkConstants.NLMSG_MIN_TYPE;
    public static final int NFNL_MSG_BATCH_END = NetlinkConstants.NLMSG_MIN_TYPE + 1;
    /** Attribute of a batch-begin message: the ruleset generation the batch expects (big-endian u32). */
    public static final int NFNL_BATCH_GENID = 1;

    private NfnetlinkConstants() {
    }

    /** Message type of an nfnetlink message: subsystem in the high byte, message in the low byte. */
    public static int messageType(int subsystem, int message) {
        return (subsystem << 8) | message;
    }
}
