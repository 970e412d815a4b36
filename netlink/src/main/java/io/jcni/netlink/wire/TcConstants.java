package io.jcni.netlink.wire;

/** Values from linux/rtnetlink.h, linux/pkt_sched.h, linux/pkt_cls.h and linux/tc_act/tc_mirred.h. */
public final class TcConstants {
    public static final int RTM_NEWQDISC = 36;
    public static final int RTM_DELQDISC = 37;
    public static final int RTM_GETQDISC = 38;
    public static final int RTM_NEWTCLASS = 40;
    public static final int RTM_DELTCLASS = 41;
    public static final int RTM_GETTCLASS = 42;
    public static final int RTM_NEWTFILTER = 44;
    public static final int RTM_DELTFILTER = 45;
    public static final int RTM_GETTFILTER = 46;

    public static final int TCA_KIND = 1;
    public static final int TCA_OPTIONS = 2;
    public static final int TCA_CHAIN = 11;

    public static final int TC_H_ROOT = 0xFFFFFFFF;
    public static final int TC_H_INGRESS = 0xFFFFFFF1;

    public static final int TCA_TBF_PARMS = 1;
    public static final int TCA_TBF_RATE64 = 4;

    public static final int TCA_HTB_PARMS = 1;
    public static final int TCA_HTB_INIT = 2;
    public static final int TCA_HTB_RATE64 = 6;
    public static final int TCA_HTB_CEIL64 = 7;

    public static final int TCA_U32_CLASSID = 1;
    public static final int TCA_U32_SEL = 5;
    public static final int TCA_U32_ACT = 7;
    public static final int TC_U32_TERMINAL = 1;

    public static final int TCA_ACT_KIND = 1;
    public static final int TCA_ACT_OPTIONS = 2;
    public static final int TCA_MIRRED_PARMS = 2;

    public static final int ETH_P_ALL = 0x0003;
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_IPV6 = 0x86DD;

    private TcConstants() {
    }
}
