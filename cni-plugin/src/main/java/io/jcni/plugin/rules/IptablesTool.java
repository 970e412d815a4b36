package io.jcni.plugin.rules;

import io.jcni.conf.CniException;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostTools;
import java.util.List;
import java.util.Optional;

/**
 * {@code iptables-save -t TABLE} and {@code iptables-restore -w --noflush} (or the ip6tables
 * ones) in the host namespace, with failures as CNI errors ({@link HostErrors#CHANGE_REFUSED})
 * carrying the tool's words: the one way bridge's masquerade, portmap and firewall read and
 * change iptables rules.
 */
public final class IptablesTool {
    /** The two address families and their tools. */
    public enum Family {
        V4("iptables-save", "iptables-restore"), V6("ip6tables-save", "ip6tables-restore");

        /** The family's save tool ({@code iptables-save}, {@code ip6tables-save}). */
        public final String save;
        /** The family's restore tool ({@code iptables-restore}, {@code ip6tables-restore}). */
        public final String restore;

        Family(String save, String restore) {
            this.save = save;
            this.restore = restore;
        }

        public static Family of(boolean ipv4) {
            return ipv4 ? V4 : V6;
        }

        public boolean isIpv4() {
            return this == V4;
        }
    }

    private final HostTools tools;

    public IptablesTool(HostTools tools) {
        this.tools = tools;
    }

    /** Whether this family's tools are installed (a host without ip6tables has no IPv6 rules to manage). */
    public static boolean installed(Family f) {
        return HostTools.installed(f.save) && HostTools.installed(f.restore);
    }

    public IptablesDump dump(Family f, String table) throws CniException {
        HostTools.Output out = tools.run(f.save, List.of("-t", table), "");
        if (out.exitCode() != 0) {
            throw new CniException(HostErrors.CHANGE_REFUSED, f.save + " -t " + table + " failed (exit " + out.exitCode() + ")",
                    out.stderr().strip(), null);
        }
        return IptablesDump.parse(out.stdout());
    }

    /** Applies {@code script} atomically; returns the tool's complaint, or empty when it succeeded. */
    public Optional<String> tryRestore(Family f, String script) throws CniException {
        HostTools.Output out = tools.run(f.restore, List.of("-w", "--noflush"), script);
        return out.exitCode() == 0 ? Optional.empty()
                : Optional.of("exit " + out.exitCode() + ": " + out.stderr().strip());
    }

    /** Applies {@code script} atomically, or fails naming {@code what} it was to do. */
    public void restore(Family f, String script, String what) throws CniException {
        Optional<String> complaint = tryRestore(f, script);
        if (complaint.isPresent()) {
            throw refused(f, what, complaint.get(), script);
        }
    }

    public CniException refused(Family f, String what, String complaint, String script) {
        return new CniException(HostErrors.CHANGE_REFUSED, f.restore + ": could not " + what + " ("
                + complaint.lines().findFirst().orElse("") + ")", complaint + "\ninput:\n" + script, null);
    }
}
