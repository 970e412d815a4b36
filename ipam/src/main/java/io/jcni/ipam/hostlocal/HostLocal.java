package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Identifiers;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Dns;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.Result;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code host-local} IPAM plugin: a drop-in for the reference one, sharing its store. It reads
 * the {@code ipam} section of whatever network config it is given, so the bridge can call it
 * in-process with its own request.
 */
public final class HostLocal implements CniPlugin {
    public static final String TYPE = "host-local";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Result add(Request request) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(request.config());
        HostLocalConfig config = HostLocalConfig.of(conf);
        checkAttachment(request);
        // As the reference: unknown CNI_ARGS keys fail ADD unless IgnoreUnknown is set. DEL stays lenient.
        request.args().requireKnown(Set.of("IP"));
        List<InetAddress> requested = RequestedIps.of(request, conf);
        // read before allocating, so a bad resolvConf leaves no reservation behind
        Dns dns = config.resolvConf().isPresent() ? ResolvConf.read(config.resolvConf().get()) : Dns.EMPTY;
        List<IpConfig> ips = config.open().allocate(request.containerId(), request.ifname(), requested);
        return new Result(List.of(), ips, config.routes(), dns);
    }

    @Override
    public void del(Request request) throws CniException {
        HostLocalConfig config = HostLocalConfig.of(NetworkConfig.parse(request.config()));
        checkAttachment(request);
        config.open().release(request.containerId(), request.ifname());
    }

    @Override
    public void check(Request request) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(request.config());
        HostLocalConfig config = HostLocalConfig.of(conf);
        checkAttachment(request);
        List<InetAddress> expected = conf.prevResult().map(r -> r.ips().stream()
                .map(ip -> ip.address().address()).toList()).orElse(List.of());
        config.open().verify(request.containerId(), request.ifname(), expected);
    }

    @Override
    public void gc(Request request) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(request.config());
        HostLocalConfig config = HostLocalConfig.of(conf);
        // Without the list every reservation would look stale: refuse rather than empty the network.
        if (!conf.raw().has(NetworkConfig.VALID_ATTACHMENTS)) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                    NetworkConfig.VALID_ATTACHMENTS + ": missing; GC needs the attachments still in use");
        }
        config.open().collect(conf.validAttachments());
    }

    @Override
    public void status(Request request) throws CniException {
        HostLocalConfig.of(NetworkConfig.parse(request.config())).open().checkAvailable();
    }

    // The container ID and ifname are written into store files: they must be what the spec allows.
    private static void checkAttachment(Request request) throws CniException {
        Optional<String> id = Identifiers.checkContainerId(request.containerId());
        if (id.isPresent()) {
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, "CNI_CONTAINERID: " + id.get());
        }
        Optional<String> ifname = Identifiers.checkIfname(request.ifname());
        if (ifname.isPresent()) {
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, "CNI_IFNAME: " + ifname.get());
        }
    }
}
