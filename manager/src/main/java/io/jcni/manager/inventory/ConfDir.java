package io.jcni.manager.inventory;

import io.jcni.manager.net.NetworkConfigs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;



/**
 * The networks of a CNI config dir, each as libcni finds it by name ({@link NetworkConfigs}), with
 * what the inventory needs to know of them. Unreadable files are reported, not fatal.
 */
public record ConfDir(Path directory, List<NetworkDefinition> networks, List<String> problems) {
    public static ConfDir read(Path directory) {
        NetworkConfigs.Listing found = new NetworkConfigs(directory).all();
        return new ConfDir(directory, found.networks().stream().map(n -> NetworkDefinition.of(n.file(), n.list())).toList(),
                found.problems());
    }

    public Optional<NetworkDefinition> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
