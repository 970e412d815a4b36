package io.jcni.ipam.fixed;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpText;
import io.jcni.conf.result.Result;
import io.jcni.ipam.IpamErrors;

import java.util.List;
import java.util.Set;

/**
 * The {@code static} IPAM plugin: hands out the configured addresses, routes and DNS. It holds no
 * state, so DEL, GC and STATUS only check the config.
 */
public final class StaticIpam implements CniPlugin {
    public static final String TYPE = "static";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Result add(Request request) throws CniException {
        // As the reference: unknown CNI_ARGS keys fail ADD unless IgnoreUnknown is set.
        request.args().requireKnown(Set.of("IP", "GATEWAY"));
        StaticConfig c = StaticConfig.of(request, NetworkConfig.parse(request.config()));
        return new Result(List.of(), c.addresses(), c.routes(), c.dns());
    }

    @Override
    public void del(Request request) throws CniException {
        StaticConfig.of(request, NetworkConfig.parse(request.config()));
    }

    /** Every configured address must be in prevResult, with the configured gateway if one is set. */
    @Override
    public void check(Request request) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(request.config());
        StaticConfig c = StaticConfig.of(request, conf);
        Result prev = conf.requirePrevResult("CHECK compares the configured addresses with it");
        for (IpConfig want : c.addresses()) {
            IpConfig got = prev.ips().stream().filter(ip -> ip.address().equals(want.address()))
                    .findFirst().orElseThrow(() -> new CniException(IpamErrors.NOT_ALLOCATED,
                            "prevResult: address " + want.address() + " is missing"));
            if (want.gateway() != null && !want.gateway().equals(got.gateway())) {
                throw new CniException(IpamErrors.NOT_ALLOCATED, "prevResult: address " + want.address()
                        + " has gateway " + (got.gateway() == null ? "none" : IpText.format(got.gateway()))
                        + ", configured " + IpText.format(want.gateway()));
            }
        }
    }

    @Override
    public void gc(Request request) throws CniException {
        StaticConfig.of(request, NetworkConfig.parse(request.config()));
    }

    @Override
    public void status(Request request) throws CniException {
        StaticConfig.of(request, NetworkConfig.parse(request.config()));
    }
}
