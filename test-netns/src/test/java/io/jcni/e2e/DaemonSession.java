package io.jcni.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * In {@link JcniMode#DAEMON}, starts {@code jcni daemon} on the installed shims' socket before the
 * first test of the run and stops it after the last (registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}). {@link ServedBy}
 * checks, class by class, that the calls really went through it.
 */
public final class DaemonSession implements LauncherSessionListener {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private boolean started;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (JcniMode.current() != JcniMode.DAEMON) {
            return;
        }
        JcniInstall.binDirectory();
        daemon("start").orFail();
        started = true;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (started) {
            started = false;
            daemon("stop").orFail();
        }
    }

    private static ExecResult daemon(String verb) {
        return Exec.run(List.of(JcniInstall.jcniCommand().toString(), "daemon", verb,
                "--socket", JcniInstall.socket().toString()), Map.of(), TIMEOUT);
    }
}
