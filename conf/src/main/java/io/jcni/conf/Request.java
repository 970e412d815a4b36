package io.jcni.conf;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one plugin invocation carried: the {@code CNI_*} variables, already validated, and
 * the network config bytes from stdin. Built by the dispatcher (or by a caller that runs a plugin
 * in-process), never read from the process by plugin code.
 *
 * @param verb        {@code CNI_COMMAND}
 * @param containerId {@code CNI_CONTAINERID}; empty for VERSION, STATUS and GC
 * @param netns       {@code CNI_NETNS}; empty when not given (allowed for DEL, STATUS, GC, VERSION)
 * @param ifname      {@code CNI_IFNAME}; empty for VERSION, STATUS and GC
 * @param args        {@code CNI_ARGS}
 * @param path        {@code CNI_PATH}, in order
 * @param config      the network config as it arrived on stdin
 * @param netnsFile   where to open the pod namespace when that is not the {@code CNI_NETNS} path
 *                    itself (the daemon passes a descriptor the caller opened, as
 *                    {@code /proc/self/fd/N}); messages and results still name {@code netns}
 */
public record Request(Verb verb, String containerId, Optional<String> netns, String ifname,
                      CniArgs args, List<Path> path, byte[] config, Optional<Path> netnsFile) {
    public Request(Verb verb, String containerId, Optional<String> netns, String ifname,
                   CniArgs args, List<Path> path, byte[] config) {
        this(verb, containerId, netns, ifname, args, path, config, Optional.empty());
    }

    public Request {
        Objects.requireNonNull(verb, "verb");
        containerId = containerId == null ? "" : containerId;
        netns = netns == null ? Optional.empty() : netns.filter(s -> !s.isEmpty());
        ifname = ifname == null ? "" : ifname;
        args = args == null ? CniArgs.EMPTY : args;
        path = path == null ? List.of() : List.copyOf(path);
        config = config == null ? new byte[0] : config.clone();
        netnsFile = netnsFile == null ? Optional.empty() : netnsFile;
    }

    @Override
    public byte[] config() {
        return config.clone();
    }

    /** The same request with another verb or config, as a plugin delegating to another one needs. */
    public Request with(Verb newVerb, byte[] newConfig) {
        return new Request(newVerb, containerId, netns, ifname, args, path, newConfig, netnsFile);
    }

    /** The same request with the pod namespace opened from {@code file} instead of the CNI_NETNS path. */
    public Request withNetnsFile(Path file) {
        return new Request(verb, containerId, netns, ifname, args, path, config, Optional.of(file));
    }
}
