package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;

import java.util.regex.Pattern;

/**
 * A {@code sysctl} key as the reference reads it: dots (or slashes) separate the parts under
 * /proc/sys, and the first {@code IFNAME} is the pod interface's name, so
 * {@code net.ipv4.conf.IFNAME.arp_notify} names the interface being tuned. Only keys under
 * {@code net} can be given; whether the pod's namespace has the key is checked against the
 * kernel when it is read.
 *
 * @param given the key as the config wrote it (what messages name)
 * @param path  the key under /proc/sys, slash-separated ({@code net/ipv4/conf/eth0/arp_notify})
 */
record SysctlKey(String given, String path) {
    private static final Pattern PART = Pattern.compile("[^/\\x00]+");

    static SysctlKey of(String given, String ifname) throws CniException {
        String path = given.replace('.', '/').replaceFirst("IFNAME", java.util.regex.Matcher.quoteReplacement(ifname));
        String[] parts = path.split("/", -1);
        boolean ok = parts.length >= 2 && parts[0].equals("net");
        for (String p : parts) {
            ok &= PART.matcher(p).matches() && !p.equals(".") && !p.equals("..");
        }
        if (!ok) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "sysctl." + given
                    + ": not a network sysctl of the pod's namespace (keys start with net. and name a file under /proc/sys/net)");
        }
        return new SysctlKey(given, path);
    }

    /** The config field that named this key, for messages. */
    String field() {
        return "sysctl." + given;
    }
}
