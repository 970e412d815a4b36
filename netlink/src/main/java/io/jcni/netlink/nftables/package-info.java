/**
 * nf_tables over NETLINK_NETFILTER: immutable values ({@link io.jcni.netlink.nftables.NftTable},
 * {@link io.jcni.netlink.nftables.NftChain}, {@link io.jcni.netlink.nftables.NftRule} and the
 * expression records), {@link io.jcni.netlink.nftables.NftRuleBuilder} for matches compiled as nft
 * compiles them, {@link io.jcni.netlink.nftables.NftTransaction} for all-or-nothing changes, and
 * {@link io.jcni.netlink.nftables.Nftables}, the operations on one namespace.
 */
package io.jcni.netlink.nftables;
