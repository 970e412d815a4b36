package io.jcni.manager.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.ConfList;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A network as the config dir defines it, with what the inventory needs to know about it.
 *
 * @param file          the conflist (or single config) it came from
 * @param bridge        the {@code bridge} plugin's bridge name (default {@code cni0}); empty without a bridge plugin
 * @param ipMasq        whether the bridge masquerades its pods
 * @param macSpoofCheck whether the bridge lets only each pod's MAC in from its veth ({@code macspoofchk})
 * @param hostLocalDir  the host-local store of the network ({@code dataDir/NAME}); empty for other IPAM types
 * @param pluginTypes   the chain's plugin types, in order
 */
public record NetworkDefinition(String name, Path file, ConfList confList, Optional<String> bridge, boolean ipMasq,
                                boolean macSpoofCheck, Optional<Path> hostLocalDir, List<String> pluginTypes) {
    static final String DEFAULT_BRIDGE = "cni0";
    static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/cni/networks");

    public NetworkDefinition {
        pluginTypes = List.copyOf(pluginTypes);
    }

    static NetworkDefinition of(Path file, ConfList list) {
        Optional<String> bridge = Optional.empty();
        boolean ipMasq = false;
        boolean spoofCheck = false;
        Optional<Path> store = Optional.empty();
        for (ObjectNode p : list.plugins()) {
            if (p.path("type").asText().equals("bridge") && bridge.isEmpty()) {
                bridge = Optional.of(p.path("bridge").asText(DEFAULT_BRIDGE).isEmpty()
                        ? DEFAULT_BRIDGE : p.path("bridge").asText(DEFAULT_BRIDGE));
                ipMasq = p.path("ipMasq").asBoolean(false);
                spoofCheck = p.path("macspoofchk").asBoolean(false);
            }
            ObjectNode ipam = p.path("ipam").isObject() ? (ObjectNode) p.path("ipam") : null;
            if (ipam != null && ipam.path("type").asText().equals("host-local") && store.isEmpty()) {
                String dataDir = ipam.path("dataDir").asText("");
                store = Optional.of((dataDir.isEmpty() ? DEFAULT_DATA_DIR : Path.of(dataDir)).resolve(list.name()));
            }
        }
        List<String> types = list.plugins().stream().map(p -> p.path("type").asText()).toList();
        return new NetworkDefinition(list.name(), file, list, bridge, ipMasq, spoofCheck, store, types);
    }

    public boolean chains(String type) {
        return pluginTypes.contains(type);
    }
}
