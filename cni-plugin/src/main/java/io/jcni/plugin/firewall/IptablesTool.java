package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.plugin.kernel.HostTools;
import io.jcni.plugin.rules.IptablesDump;

import java.util.List;
import java.util.Optional;

/**
 * {@code iptables-save -t TABLE} and {@code iptables-restore -w --noflush} (or the ip6tables
 * ones) in the host namespace, with failures as CNI errors carrying the tool's words. Nothing
 * here is specific to the firewall plugin: it belongs with the shared rule code.
 */
final class IptablesTool {
    /** The two address families and their tools. */
    enum Family {
        V4("iptables-save", "iptables-restore"), V6("ip6tables-save", "ip6tables-restore");

        final String save;
        final String restore;

        Family(String save, String restore) {
            this.save = save;
            this.restore = restore;
        }

        static Family of(boolean ipv4) {
            return ipv4 ? V4 : V6;
        }

        boolean isIpv4() {
            return this == V4;
        }
    }

    private final HostTools tools;
    private final int errorCode;

    /** @param errorCode the calling plugin's code for a refused change */
    IptablesTool(HostTools tools, int errorCode) {
        this.tools = tools;
        this.errorCode = errorCode;
    }

    /** Whether this family's tools are installed (a host without ip6tables has no IPv6 rules to manage). */
    static boolean installed(Family f) {
        return HostTools.installed(f.save) && HostTools.installed(f.restore);
    }

    IptablesDump dump(Family f, String table) throws CniException {
        HostTools.Output out = tools.run(f.save, List.of("-t", table), "");
        if (out.exitCode() != 0) {
            throw new CniException(errorCode, f.save + " -t " + table + " failed (exit " + out.exitCode() + ")",
                    out.stderr().strip(), null);
        }
        return IptablesDump.parse(out.stdout());
    }

    /** Applies {@code script} atomically; returns the tool's complaint, or empty when it succeeded. */
    Optional<String> tryRestore(Family f, String script) throws CniException {
        HostTools.Output out = tools.run(f.restore, List.of("-w", "--noflush"), script);
        return out.exitCode() == 0 ? Optional.empty()
                : Optional.of("exit " + out.exitCode() + ": " + out.stderr().strip());
    }

    CniException refused(Family f, String what, String complaint, String script) {
        return new CniException(errorCode, f.restore + ": could not " + what + " (" + complaint.lines().findFirst().orElse("")
                + ")", complaint + "\ninput:\n" + script, null);
    }
}
