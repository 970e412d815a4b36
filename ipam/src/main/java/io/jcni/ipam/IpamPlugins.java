package io.jcni.ipam;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.ipam.fixed.StaticConfig;
import io.jcni.ipam.fixed.StaticIpam;
import io.jcni.ipam.hostlocal.HostLocal;
import io.jcni.ipam.hostlocal.HostLocalConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Picks the IPAM plugin a network config names: ours, called in-process, for {@code host-local}
 * and {@code static}; any other type runs as a delegated plugin from {@code CNI_PATH}.
 */
public final class IpamPlugins {
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);

    private IpamPlugins() {
    }

    /** The plugin for the request's config ({@code ipam.type}), looked up on the request's CNI_PATH. */
    public static CniPlugin forRequest(Request request) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(request.config());
        String type = READER.requiredString(conf.ipam().orElseThrow(() -> READER.error("ipam", "missing")),
                "ipam", "type");
        return forType(type, request.path());
    }

    /**
     * Validates the request's IPAM section for an in-process type ({@code host-local},
     * {@code static}) without touching the store, so that a main plugin can refuse a bad config
     * before it changes the kernel; a delegated plugin validates its own when it runs.
     */
    public static void checkConfig(String type, Request request) throws CniException {
        switch (type) {
            case HostLocal.TYPE -> HostLocalConfig.of(NetworkConfig.parse(request.config()));
            case StaticIpam.TYPE -> StaticConfig.of(request, NetworkConfig.parse(request.config()));
            default -> {
            }
        }
    }

    /** The plugin for {@code type}; code 7 naming {@code ipam.type} when no executable is found. */
    public static CniPlugin forType(String type, List<Path> cniPath) throws CniException {
        switch (type) {
            case HostLocal.TYPE:
                return new HostLocal();
            case StaticIpam.TYPE:
                return new StaticIpam();
            default:
                break;
        }
        if (type.isEmpty() || type.equals(".") || type.equals("..") || type.indexOf('/') >= 0
                || type.indexOf('\0') >= 0) {
            throw READER.error("ipam.type", "\"" + type + "\" is not a plugin name");
        }
        for (Path dir : cniPath) {
            Path candidate = dir.resolve(type);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new DelegatedIpam(type, candidate);
            }
        }
        throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                "ipam.type: plugin \"" + type + "\" not found in CNI_PATH " + cniPath);
    }
}
