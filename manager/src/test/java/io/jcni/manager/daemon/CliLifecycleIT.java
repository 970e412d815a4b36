package io.jcni.manager.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jcni daemon start/status/stop} as an operator types them, on a socket of the test's own,
 * and the systemd unit install.sh writes, run as systemd would run it.
 */
class CliLifecycleIT {
    private static Outcome jcni(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(InstalledTree.jcni().toString()));
        argv.addAll(List.of(args));
        return Outcome.run(argv, Map.of(), "", true);
    }

    @Test
    void startStatusStop(@TempDir Path tmp) throws Exception {
        InstalledTree.ensure();
        Path socket = tmp.resolve("run/jcni.sock");
        Path pid = tmp.resolve("run/jcni.pid");
        String s = socket.toString();
        try {
            Outcome notYet = jcni("daemon", "status", "--socket", s);
            assertEquals(3, notYet.status(), notYet.stdout());
            assertTrue(notYet.stdout().startsWith("jcni daemon: not running"), notYet.stdout());

            Outcome start = jcni("daemon", "start", "--socket", s);
            assertEquals(0, start.status(), start.stdout() + start.stderr());
            assertTrue(start.stdout().startsWith("jcni daemon: started, pid "), start.stdout());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            long daemonPid = Long.parseLong(Files.readString(pid).strip());
            assertTrue(ProcessHandle.of(daemonPid).isPresent());
            // The launcher's flags (heap bound, native access) and class path, as `jcni daemon run` has them.
            List<String> daemonArgs = ProcessHandle.of(daemonPid).flatMap(p -> p.info().arguments()).map(List::of).orElseThrow();
            assertTrue(daemonArgs.contains("@" + InstalledTree.lib().resolve("manager.args")), daemonArgs.toString());

            Outcome again = jcni("daemon", "start", "--socket", s);
            assertEquals(1, again.status());
            assertTrue(again.stderr().contains("already running on " + s), again.stderr());

            Outcome status = jcni("daemon", "status", "--socket", s);
            assertEquals(0, status.status(), status.stdout() + status.stderr());
            assertTrue(status.stdout().startsWith("jcni daemon: running, pid " + daemonPid), status.stdout());
            assertTrue(status.stdout().contains("uptime: "), status.stdout());

            Outcome stop = jcni("daemon", "stop", "--socket", s);
            assertEquals(0, stop.status(), stop.stdout() + stop.stderr());
            assertEquals("jcni daemon: stopped (pid " + daemonPid + ")", stop.stdout().strip());
            assertFalse(ProcessHandle.of(daemonPid).map(ProcessHandle::isAlive).orElse(false), "the daemon exited");
            assertFalse(Files.exists(socket), "socket removed");
            assertFalse(Files.exists(pid), "pid file removed");
            assertTrue(Files.readString(tmp.resolve("run/jcni.log")).contains("stopped"), "the log says so");

            assertEquals(3, jcni("daemon", "status", "--socket", s).status());
            Outcome stopAgain = jcni("daemon", "stop", "--socket", s);
            assertEquals(0, stopAgain.status());
            assertTrue(stopAgain.stdout().contains("not running"), stopAgain.stdout());
        } finally {
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void theSystemdUnitsCommandServesInTheForegroundAndSigtermStopsIt(@TempDir Path tmp) throws Exception {
        InstalledTree.ensure();
        String unit = Files.readString(InstalledTree.lib().resolve("jcni.service"));
        String execStart = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow()
                .substring("ExecStart=".length());
        assertEquals(InstalledTree.lib().resolve("bin/jcni") + " daemon run --socket " + InstalledTree.socket(), execStart);
        assertTrue(unit.contains("\nKillSignal=SIGTERM\n"), unit);
        // As systemd starts it (the daemon kept out of the machine's namespace, like DaemonProcess does).
        List<String> argv = new ArrayList<>(List.of("/usr/bin/unshare", "--net"));
        argv.addAll(List.of(execStart.split(" ")));
        Path log = tmp.resolve("unit.log");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Outcome status;
            do {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, "the unit's command did not serve: " + Files.readString(log));
                Thread.sleep(100);
                status = jcni("daemon", "status", "--socket", InstalledTree.socket().toString());
            } while (status.status() != 0);
            assertTrue(status.stdout().startsWith("jcni daemon: running, pid " + p.pid()), status.stdout());

            p.destroy(); // SIGTERM, the unit's KillSignal
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGTERM: " + Files.readString(log));
            assertEquals(0, p.exitValue(), Files.readString(log));
            assertFalse(Files.exists(InstalledTree.socket()), "socket removed");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
