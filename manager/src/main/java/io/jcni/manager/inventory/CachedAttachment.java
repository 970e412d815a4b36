package io.jcni.manager.inventory;

import java.util.List;
import java.util.Optional;

/**
 * One entry of libcni's result cache ({@code CACHEDIR/results/NET-CID-IFNAME}, kind
 * {@code cniCacheV1}): what the runtime remembers of an ADD.
 *
 * @param netns        the namespace path the runtime gave ADD, when recorded
 * @param hostVeths    names of the result's host-side interfaces (no {@code sandbox})
 * @param portMappings whether ADD got a non-empty {@code portMappings} capability argument
 */
public record CachedAttachment(AttachmentKey key, Optional<String> netns, List<String> hostVeths, boolean portMappings) {
    public CachedAttachment {
        hostVeths = List.copyOf(hostVeths);
    }
}
