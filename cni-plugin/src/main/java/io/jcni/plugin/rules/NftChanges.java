package io.jcni.plugin.rules;

import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.nftables.NftTransaction;
import io.jcni.netlink.nftables.Nftables;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.plugin.kernel.KernelCall;

/** Applies one nf_tables transaction in the host namespace; the kernel's refusal is a CNI error naming the change. */
public final class NftChanges {
    private NftChanges() {
    }

    public static void apply(NetNamespace hostNs, String what, NftTransaction tx) throws CniException {
        try (Nftables nft = Nftables.open(hostNs)) {
            apply(nft, what, tx);
        }
    }

    /** The same on a socket already open (one that read the tables the transaction was built from). */
    public static void apply(Nftables nft, String what, NftTransaction tx) throws CniException {
        try {
            nft.apply(what, tx);
        } catch (NetlinkException e) {
            throw KernelCall.refused(what, e);
        }
    }
}
