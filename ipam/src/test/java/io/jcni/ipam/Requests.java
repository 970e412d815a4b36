package io.jcni.ipam;

import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Test shorthand for requests as the dispatcher would build them. */
public final class Requests {
    private Requests() {
    }

    public static Request of(Verb verb, String containerId, String ifname, String cniArgs, String config)
            throws CniException {
        return Request.builder(verb).containerId(containerId).netns("/var/run/netns/jt-unused").ifname(ifname)
                .args(CniArgs.parse(cniArgs)).path(List.of(ReferencePlugin.DIR)).config(config).build();
    }

    public static Request of(Verb verb, String containerId, String config) throws CniException {
        return of(verb, containerId, "eth0", null, config);
    }

    public static Request withPath(Request r, List<Path> path) {
        return r.toBuilder().path(path).build();
    }
}
