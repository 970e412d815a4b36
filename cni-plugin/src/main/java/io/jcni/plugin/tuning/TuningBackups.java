package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;

import java.nio.file.Path;

/** Where tuning keeps an attachment's backup, for callers outside the plugin (jcni ls and gc). */
public final class TuningBackups {
    private TuningBackups() {
    }

    /** The backup directory a tuning config names ({@code dataDir}, else {@code /run/cni/tuning}). */
    public static Path dataDir(NetworkConfig conf) throws CniException {
        return TuningConfig.dataDir(conf);
    }

    /** The attachment's backup file in {@code dataDir}. */
    public static Path file(Path dataDir, String containerId, String ifname) {
        return TuningBackup.file(dataDir, containerId, ifname);
    }
}
