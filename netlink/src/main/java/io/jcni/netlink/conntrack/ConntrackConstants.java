package io.jcni.netlink.conntrack;

/** Values from linux/netfilter/nfnetlink.h and nfnetlink_conntrack.h. */
final class ConntrackConstants {
    static final int NFNL_SUBSYS_CTNETLINK = 1;
    static final int IPCTNL_MSG_CT_GET = 1;
    static final int IPCTNL_MSG_CT_DELETE = 2;

    /** enum ctattr_type */
    static final int CTA_TUPLE_ORIG = 1;
    static final int CTA_TUPLE_REPLY = 2;
    static final int CTA_ZONE = 18;

    /** enum ctattr_tuple */
    static final int CTA_TUPLE_IP = 1;
    static final int CTA_TUPLE_PROTO = 2;

    /** enum ctattr_ip */
    static final int CTA_IP_V4_SRC = 1;
    static final int CTA_IP_V4_DST = 2;
    static final int CTA_IP_V6_SRC = 3;
    static final int CTA_IP_V6_DST = 4;

    /** enum ctattr_l4proto */
    static final int CTA_PROTO_NUM = 1;
    static final int CTA_PROTO_SRC_PORT = 2;
    static final int CTA_PROTO_DST_PORT = 3;

    private ConntrackConstants() {
    }
}
