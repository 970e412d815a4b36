/**
 * Netlink sockets: requests with acks, dumps, batches and nfnetlink transactions. See
 * {@link io.jcni.netlink.socket.NetlinkSocket} and netlink/README.md for the calling conventions.
 */
package io.jcni.netlink.socket;
