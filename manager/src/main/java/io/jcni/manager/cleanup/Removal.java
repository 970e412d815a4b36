package io.jcni.manager.cleanup;

import io.jcni.manager.inventory.AttachmentKey;

/**
 * One object gc removes (or, with {@code --dry-run}, would remove).
 *
 * @param what   {@code reservation}, {@code veth}, or a rule kind ({@code masq}, {@code portmap}, {@code firewall}, {@code spoofchk})
 * @param object the object itself: an address in a store, a link name, a chain or table
 */
public record Removal(AttachmentKey key, String what, String object) {
}
