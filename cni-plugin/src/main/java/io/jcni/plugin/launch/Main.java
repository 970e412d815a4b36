package io.jcni.plugin.launch;

import io.jcni.plugin.Dispatcher;
import io.jcni.plugin.Log;
import io.jcni.plugin.Plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The process entry point the launchers run: {@code Main TYPE} serves one CNI invocation as the
 * plugin {@code TYPE}. Two hidden forms serve install.sh: {@code --list-types} prints the
 * registered plugin types, one per line, and {@code --train DIR} runs the AOT training
 * invocations ({@link Training}) with DIR as scratch space.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // stdout carries the CNI result only: whatever else prints to System.out lands on stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        System.exit(run(args, stdout));
    }

    private static int run(String[] args, PrintStream stdout) {
        if (args.length == 1 && args[0].equals("--list-types")) {
            Plugins.load().types().forEach(stdout::println);
            stdout.flush();
            return 0;
        }
        if (args.length == 2 && args[0].equals("--train")) {
            return Training.run(Path.of(args[1]), System.err);
        }
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: Main TYPE (run by the jcni launchers, with CNI_* variables and the config on stdin)");
            return 2;
        }
        return serve(args[0], System.getenv(), System.in, stdout, System.err);
    }

    /**
     * One invocation, exactly as a launcher runs it; training calls this too so that the AOT
     * cache holds this path's classes.
     */
    static int serve(String type, Map<String, String> env, InputStream stdin, OutputStream stdout, PrintStream stderr) {
        Log log = new Log(stderr, Log.fileFrom(env), "jcni[" + pid() + "]");
        byte[] config;
        try {
            config = stdin.readAllBytes();
        } catch (IOException e) {
            // Goes on with no config: the dispatcher then reports it missing with its code.
            log.error("cannot read stdin: " + e.getMessage());
            config = new byte[0];
        }
        return new Dispatcher(Plugins.load(), log).run(env, config, type, stdout);
    }

    /** The process ID, for log lines; read from /proc because ProcessHandle starts a thread pool. */
    private static String pid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }
}
