package io.jcni.plugin.bridge.firewall;

import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.Nftables;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.bridge.BridgeErrors;

/** Applies one nf_tables transaction in the host namespace; the kernel's refusal is a CNI error naming the change. */
final class NftChanges {
    private NftChanges() {
    }

    static void apply(NetNamespace hostNs, String what, NftTransaction tx) throws CniException {
        try (Nftables nft = Nftables.open(hostNs)) {
            nft.apply(what, tx);
        } catch (NetlinkException e) {
            throw new CniException(BridgeErrors.CHANGE_REFUSED, what + ": " + e.getMessage(), "", e);
        }
    }
}
