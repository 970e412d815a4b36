package io.jcni.plugin.kernel;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.netlink.MacAddress;

import java.util.regex.Pattern;

/** An interface MAC given as an option ({@code mac}, {@code runtimeConfig.mac}, {@code CNI_ARGS MAC}). */
public final class MacOption {
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}");

    private MacOption() {
    }

    /**
     * Six hex byte pairs separated by {@code :} or {@code -} (the EUI-48 forms Go's
     * {@code net.ParseMAC} reads); a multicast address cannot be an interface's own. A bad value is
     * {@code code} naming {@code field}.
     */
    public static MacAddress parse(String text, String field, ErrorCode code) throws CniException {
        CniException bad = new CniException(code,
                field + ": invalid MAC address \"" + text + "\" (want six hex bytes such as 0a:58:0a:01:02:03)");
        if (!MAC.matcher(text).matches()) {
            throw bad;
        }
        MacAddress m = MacAddress.parse(text);
        if ((m.bytes()[0] & 1) != 0) {
            throw new CniException(code, field + ": " + text + " is a multicast address, not usable by an interface");
        }
        return m;
    }
}
