package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What ADD and CHECK read before touching the pod, every part checked: the options, the sysctl
 * keys (form and allow-list), the required prevResult and the attachment.
 */
record TuningCall(String network, TuningConfig cfg, List<SysctlKey> keys, Result prev, Attachment at, Request request) {
    static TuningCall read(Request req, Path allowlist) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        TuningConfig cfg = TuningConfig.of(conf, req.args());
        SysctlAllowlist allowed = SysctlAllowlist.read(allowlist);
        List<SysctlKey> keys = new ArrayList<>();
        for (String k : cfg.sysctl().keySet()) {
            allowed.check(k);
            keys.add(SysctlKey.of(k, req.ifname()));
        }
        Result prev = conf.requirePrevResult("tuning is chained after a plugin that creates the interface");
        return new TuningCall(conf.name(), cfg, List.copyOf(keys), prev, Attachment.of(req), req);
    }
}
