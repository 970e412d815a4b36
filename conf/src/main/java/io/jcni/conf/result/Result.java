package io.jcni.conf.result;

import java.util.List;

/**
 * A CNI result in its richest form (1.1.0). Older versions are views of it: {@code ResultCodec}
 * reads any version into this and writes this as any version.
 */
public record Result(List<Interface> interfaces, List<IpConfig> ips, List<Route> routes, Dns dns) {
    public static final Result EMPTY = new Result(List.of(), List.of(), List.of(), Dns.EMPTY);

    public Result {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        ips = ips == null ? List.of() : List.copyOf(ips);
        routes = routes == null ? List.of() : List.copyOf(routes);
        dns = dns == null ? Dns.EMPTY : dns;
    }
}
