package io.jcni.ipam.hostlocal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a runtime asks host-local for, from all three places the reference reads:
 * {@code CNI_ARGS IP=a,b}, {@code args.cni.ips} and {@code runtimeConfig.ips}. Each entry is an
 * address, or an address with a prefix length, which is ignored (the range decides it).
 */
public final class RequestedIps {
    private static final FieldReader CONFIG = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);
    private static final FieldReader ENV = new FieldReader(ErrorCode.INVALID_ENVIRONMENT);

    private RequestedIps() {
    }

    public static List<InetAddress> of(Request request, NetworkConfig conf) throws CniException {
        List<InetAddress> out = new ArrayList<>();
        Optional<String> env = request.args().get("IP");
        if (env.isPresent() && !env.get().isBlank()) {
            for (String item : env.get().split(",")) {
                out.add(parse(item.strip(), ENV, "CNI_ARGS IP"));
            }
        }
        Optional<ObjectNode> cni = CONFIG.optObject(conf.args(), "args", "cni");
        if (cni.isPresent()) {
            add(out, CONFIG.optStringList(cni.get(), "args.cni", "ips"), "args.cni.ips");
        }
        add(out, CONFIG.optStringList(conf.runtimeConfig(), "runtimeConfig", "ips"), "runtimeConfig.ips");
        return out;
    }

    private static void add(List<InetAddress> out, List<String> items, String path) throws CniException {
        for (int i = 0; i < items.size(); i++) {
            out.add(parse(items.get(i), CONFIG, FieldReader.index(path, i)));
        }
    }

    private static InetAddress parse(String text, FieldReader reader, String path) throws CniException {
        try {
            return text.indexOf('/') >= 0 ? IpPrefix.parse(text).address() : IpText.parse(text);
        } catch (IllegalArgumentException e) {
            throw reader.error(path, e.getMessage());
        }
    }
}
