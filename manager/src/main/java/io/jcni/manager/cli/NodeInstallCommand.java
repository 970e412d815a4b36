package io.jcni.manager.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniException;
import io.jcni.conf.Json;
import io.jcni.conf.result.IpPrefix;
import io.jcni.manager.node.ApiPodCidrs;
import io.jcni.manager.node.NodeInstall;
import io.jcni.manager.node.NodeNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code jcni node install}: the DaemonSet's init step. Exit status 0 when done (also when
 * nothing changed), 2 on bad input (the message names the option), 1 when a file cannot be written.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Installs jcni's plugins below HOST-ROOT/opt/cni/bin (from --bundle) and writes "
                + "HOST-ROOT/etc/cni/net.d/10-jcni.conflist for the node's pod CIDR(s). Atomic and idempotent.")
final class NodeInstallCommand implements Callable<Integer> {
    @Option(names = "--host-root", required = true, paramLabel = "DIR", description = "the host's / (e.g. /host in the init container)")
    Path hostRoot;

    @Option(names = "--pod-cidr", arity = "1..*", paramLabel = "CIDR",
            description = "the node's pod CIDR; two (IPv4 and IPv6) for dual stack (default: read from the Node --node-name)")
    List<String> podCidrs = new ArrayList<>();

    @Option(names = "--node-name", paramLabel = "NAME",
            description = "without --pod-cidr: read spec.podCIDRs of this Node from the API server (default: $NODE_NAME)")
    String nodeName = System.getenv("NODE_NAME");

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "for --node-name (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "for --node-name: how long to wait for the Node's pod CIDRs (default: ${DEFAULT-VALUE})")
    int waitSeconds = 300;

    @Option(names = "--bundle", paramLabel = "DIR",
            description = "an installed jcni lib dir to copy onto the host (default: none, the conflist only)")
    Path bundle;

    @Option(names = "--cluster-cidr", arity = "1..*", paramLabel = "CIDR",
            description = "the cluster's pod CIDR(s): not masqueraded (overrides the config file's clusterCidrs)")
    List<String> clusterCidrs = new ArrayList<>();

    @Option(names = "--network", paramLabel = "NAME", description = "the network's name (overrides the config file's; default jcni)")
    String network;

    @Option(names = "--config", paramLabel = "FILE", description = "network options as JSON (the ConfigMap's network.json)")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        NodeInstall install;
        try {
            NodeNetwork options = options();
            List<IpPrefix> cidrs;
            if (!podCidrs.isEmpty()) {
                cidrs = podCidrs.stream().map(c -> NodeNetwork.cidr(c, "--pod-cidr")).toList();
            } else if (nodeName != null && !nodeName.isBlank()) {
                try {
                    cidrs = ApiPodCidrs.fetch(nodeName, Optional.ofNullable(kubeconfig), Duration.ofSeconds(waitSeconds));
                } catch (IllegalStateException e) {
                    System.err.println("jcni node install: --node-name: " + e.getMessage());
                    return 1;
                }
                System.out.println("jcni node install: Node " + nodeName + " has pod CIDR(s) " + cidrs);
            } else {
                throw new IllegalArgumentException("--pod-cidr: missing (or give --node-name, or set NODE_NAME, to read it from the Node)");
            }
            install = new NodeInstall(hostRoot, cidrs, Optional.ofNullable(bundle), options);
        } catch (IllegalArgumentException e) {
            System.err.println("jcni node install: " + e.getMessage());
            return 2;
        }
        try {
            for (String line : install.run()) {
                System.out.println("jcni node install: " + line);
            }
            System.out.println("jcni node install: " + NodeInstall.conflistPath(hostRoot) + " is up to date");
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("jcni node install: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("jcni node install: " + e);
            return 1;
        }
    }

    private NodeNetwork options() {
        NodeNetwork net = NodeNetwork.defaults();
        if (config != null) {
            JsonNode json;
            try {
                json = Json.read(Files.readAllBytes(config), "--config " + config);
            } catch (IOException e) {
                throw new IllegalArgumentException("--config: cannot read " + config + ": " + e.getMessage());
            } catch (CniException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            net = NodeNetwork.parse(json, "--config " + config);
        }
        if (network != null) {
            net = net.withNetwork(network);
        }
        if (!clusterCidrs.isEmpty()) {
            List<IpPrefix> cidrs = clusterCidrs.stream().map(c -> NodeNetwork.cidr(c, "--cluster-cidr")).toList();
            net = net.withClusterCidrs(cidrs);
        }
        return net;
    }
}
