package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.rules.XtablesVariant;

/**
 * The same cases through the iptables-save + iptables-restore path that hosts whose iptables is
 * iptables-legacy take; here it drives this machine's iptables-nft tools, which accept the same text.
 */
class IptablesMasqueradeLegacyPathTest extends IptablesMasqueradeTest {
    @Override
    XtablesVariant variant() {
        return XtablesVariant.LEGACY;
    }
}
