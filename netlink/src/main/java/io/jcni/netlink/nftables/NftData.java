package io.jcni.netlink.nftables;

/** nf_tables data (NFTA_DATA_*): either a value of bytes or a verdict. */
public sealed interface NftData permits NftValue, NftVerdict {
}
