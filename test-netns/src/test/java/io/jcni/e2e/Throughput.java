package io.jcni.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One bulk TCP transfer between two namespaces the test made (python3 at both ends), measured at
 * the receiver from its first to its last byte, so the sender's socket buffer does not inflate it.
 */
public final class Throughput {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String RECEIVER = """
            import socket, sys, time
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((sys.argv[1], int(sys.argv[2])))
            s.listen(1)
            s.settimeout(30)
            print("ready", flush=True)
            c, _ = s.accept()
            c.settimeout(30)
            first = c.recv(65536)
            t0 = time.monotonic()
            n = 0
            while True:
                b = c.recv(65536)
                if not b:
                    break
                n += len(b)
            print(n, time.monotonic() - t0, flush=True)
            """;
    private static final String SENDER = """
            import socket, sys
            s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=30)
            left = int(sys.argv[3])
            chunk = b"\\0" * 65536
            while left > 0:
                s.sendall(chunk[:min(left, len(chunk))])
                left -= min(left, len(chunk))
            s.close()
            """;

    private Throughput() {
    }

    /** Sends {@code bytes} from {@code sender} to {@code address:port} in {@code receiver}; returns bits per second. */
    public static double measure(Netns receiver, Netns sender, String address, int port, long bytes) {
        Process server;
        try {
            server = new ProcessBuilder(receiver.inside(PYTHON, "-c", RECEIVER, address, Integer.toString(port)))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the receiver", e);
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            if (!"ready".equals(out.readLine())) {
                throw new IllegalStateException("the receiver did not start");
            }
            sender.exec(PYTHON, "-c", SENDER, address, Integer.toString(port), Long.toString(bytes)).orFail();
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String[] result = line.get(60, TimeUnit.SECONDS).trim().split(" ");
            long received = Long.parseLong(result[0]);
            double seconds = Double.parseDouble(result[1]);
            return received * 8 / seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("transfer to " + address + ":" + port + " failed", e);
        } finally {
            Exec.stop(server);
        }
    }
}
