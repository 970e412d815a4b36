package io.jcni.conf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one plugin invocation carried: the {@code CNI_*} variables, already validated, the
 * network config bytes from stdin, and the invocation's whole environment. Built by the
 * dispatcher (or by a caller that runs a plugin in-process, through {@link #builder}), never read
 * from the process by plugin code.
 *
 * @param verb        {@code CNI_COMMAND}
 * @param containerId {@code CNI_CONTAINERID}; empty for VERSION, STATUS and GC
 * @param netns       {@code CNI_NETNS}; empty when not given (allowed for DEL, STATUS, GC, VERSION)
 * @param ifname      {@code CNI_IFNAME}; empty for VERSION, STATUS and GC
 * @param args        {@code CNI_ARGS}
 * @param path        {@code CNI_PATH}, in order
 * @param config      the network config as it arrived on stdin
 * @param environment every variable of the invocation ({@code CNI_*} included): what processes a
 *                    plugin starts get, instead of the serving JVM's own environment
 * @param netnsFile   where to open the pod namespace when that is not the {@code CNI_NETNS} path
 *                    itself (the daemon passes a descriptor the caller opened, as
 *                    {@code /proc/self/fd/N}); messages and results still name {@code netns}
 */
public record Request(Verb verb, String containerId, Optional<String> netns, String ifname,
                      CniArgs args, List<Path> path, byte[] config, Map<String, String> environment,
                      Optional<Path> netnsFile) {
    public Request {
        Objects.requireNonNull(verb, "verb");
        containerId = containerId == null ? "" : containerId;
        netns = netns == null ? Optional.empty() : netns.filter(s -> !s.isEmpty());
        ifname = ifname == null ? "" : ifname;
        args = args == null ? CniArgs.EMPTY : args;
        path = path == null ? List.of() : List.copyOf(path);
        config = config == null ? new byte[0] : config.clone();
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        netnsFile = netnsFile == null ? Optional.empty() : netnsFile;
    }

    @Override
    public byte[] config() {
        return config.clone();
    }

    /**
     * {@code CNI_NETNS}, for a verb that cannot do without it: the dispatcher already refuses its
     * absence for ADD and CHECK, but a plugin run in-process gets its request from a builder.
     */
    public String requireNetns() throws CniException {
        return netns.orElseThrow(() -> new CniException(ErrorCode.INVALID_ENVIRONMENT,
                CniEnvironment.NETNS + " is required for " + verb));
    }

    /** The same request with another verb or config, as a plugin delegating to another one needs. */
    public Request with(Verb newVerb, byte[] newConfig) {
        return toBuilder().verb(newVerb).config(newConfig).build();
    }

    /** The same request with the pod namespace opened from {@code file} instead of the CNI_NETNS path. */
    public Request withNetnsFile(Path file) {
        return toBuilder().netnsFile(Optional.of(file)).build();
    }

    /** A request for {@code verb} with nothing else set; for in-process callers and tests. */
    public static Builder builder(Verb verb) {
        return new Builder(verb);
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        return new Builder(verb).containerId(containerId).netns(netns).ifname(ifname).args(args).path(path)
                .config(config).environment(environment).netnsFile(netnsFile);
    }

    /** Builds a {@link Request} one field at a time; unset fields are empty. */
    public static final class Builder {
        private Verb verb;
        private String containerId = "";
        private Optional<String> netns = Optional.empty();
        private String ifname = "";
        private CniArgs args = CniArgs.EMPTY;
        private List<Path> path = List.of();
        private byte[] config = new byte[0];
        private Map<String, String> environment = Map.of();
        private Optional<Path> netnsFile = Optional.empty();

        private Builder(Verb verb) {
            this.verb = verb;
        }

        public Builder verb(Verb v) {
            verb = v;
            return this;
        }

        public Builder containerId(String id) {
            containerId = id;
            return this;
        }

        public Builder netns(Optional<String> ns) {
            netns = ns;
            return this;
        }

        public Builder netns(String ns) {
            return netns(Optional.ofNullable(ns));
        }

        public Builder ifname(String name) {
            ifname = name;
            return this;
        }

        public Builder args(CniArgs a) {
            args = a;
            return this;
        }

        public Builder path(List<Path> dirs) {
            path = dirs;
            return this;
        }

        public Builder config(byte[] bytes) {
            config = bytes;
            return this;
        }

        public Builder config(String json) {
            return config(json.getBytes(StandardCharsets.UTF_8));
        }

        public Builder environment(Map<String, String> env) {
            environment = env;
            return this;
        }

        public Builder netnsFile(Optional<Path> file) {
            netnsFile = file;
            return this;
        }

        public Request build() {
            return new Request(verb, containerId, netns, ifname, args, path, config, environment, netnsFile);
        }
    }
}
