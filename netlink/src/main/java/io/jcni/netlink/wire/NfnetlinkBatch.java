package io.jcni.netlink.wire;

/** The delimiters of an nfnetlink batch (transaction): begin and end messages for a subsystem. */
public final class NfnetlinkBatch {
    private NfnetlinkBatch() {
    }

    public static MessageWriter begin(int subsystem) {
        MessageWriter w = new MessageWriter(NfnetlinkConstants.NFNL_MSG_BATCH_BEGIN, NetlinkConstants.NLM_F_REQUEST);
        new NfGenMsg(RtnetlinkConstants.AF_UNSPEC, NfnetlinkConstants.NFNETLINK_V0, subsystem).writeTo(w);
        return w;
    }

    public static MessageWriter end(int subsystem) {
        MessageWriter w = new MessageWriter(NfnetlinkConstants.NFNL_MSG_BATCH_END, NetlinkConstants.NLM_F_REQUEST);
        new NfGenMsg(RtnetlinkConstants.AF_UNSPEC, NfnetlinkConstants.NFNETLINK_V0, subsystem).writeTo(w);
        return w;
    }
}
