/**
 * Traffic control over rtnetlink: qdiscs ({@code tbf}, {@code ingress}, {@code clsact}), {@code u32}
 * filters and the {@code mirred} action, as {@code tc} would configure them, with decoders for dumps.
 */
package io.jcni.netlink.tc;
