package io.jcni.manager.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jcni daemon start/status/stop} as an operator types them, on a socket of the test's own. */
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
}
