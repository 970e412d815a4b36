package io.jcni.manager.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.manager.net.CachedAttachment;
import io.jcni.manager.net.ResultCache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the inventory reads of one entry of libcni's result cache ({@code CACHEDIR/results/NET-CID-IFNAME}, kind
 * {@code cniCacheV1}): what the runtime remembers of an ADD.
 *
 * @param netns        the namespace path the runtime gave ADD, when recorded
 * @param hostVeths    names of the result's host-side interfaces (no {@code sandbox})
 * @param portMappings whether ADD got a non-empty {@code portMappings} capability argument
 */
public record CacheEntry(AttachmentKey key, Optional<String> netns, List<String> hostVeths, boolean portMappings) {
    public CacheEntry {
        hostVeths = List.copyOf(hostVeths);
    }

    /** The view of an entry {@link ResultCache} read. */
    static CacheEntry of(CachedAttachment c) {
        List<String> veths = new ArrayList<>();
        c.result().ifPresent(r -> {
            for (JsonNode i : r.path("interfaces")) {
                if (i.path("sandbox").asText("").isEmpty() && !i.path("name").asText("").isEmpty()) {
                    veths.add(i.path("name").asText());
                }
            }
        });
        JsonNode pm = c.capabilityArgs().path("portMappings");
        return new CacheEntry(new AttachmentKey(c.networkName(), c.containerId(), c.ifName()),
                c.netns().isEmpty() ? Optional.empty() : Optional.of(c.netns()), veths, pm.isArray() && !pm.isEmpty());
    }
}
