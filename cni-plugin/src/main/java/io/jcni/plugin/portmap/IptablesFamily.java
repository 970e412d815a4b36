package io.jcni.plugin.portmap;

import io.jcni.conf.result.IpPrefix;

/** The two iptables address families and their save/restore tools. */
enum IptablesFamily {
    V4("iptables-save", "iptables-restore"),
    V6("ip6tables-save", "ip6tables-restore");

    final String save;
    final String restore;

    IptablesFamily(String save, String restore) {
        this.save = save;
        this.restore = restore;
    }

    static IptablesFamily of(IpPrefix p) {
        return p.isIpv4() ? V4 : V6;
    }
}
