package io.jcni.manager.cli;

import io.jcni.conf.CniException;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * What every inspection command shares: the options, the terminal, and turning a failure into a
 * one-line message and {@link ExitCodes#FAILED} instead of a stack trace.
 */
abstract class InspectCommand implements Callable<Integer> {
    @Mixin
    InspectOptions options = new InspectOptions();

    final PrintStream out = System.out;
    final Terminal terminal = Terminal.detect();

    @Override
    public final Integer call() {
        try {
            int status = run();
            out.flush();
            return status;
        } catch (CniException e) {
            System.err.println("jcni " + name() + ": " + e.msg() + (e.details().isEmpty() ? "" : " (" + e.details() + ")"));
            return ExitCodes.FAILED;
        } catch (RuntimeException e) {
            System.err.println("jcni " + name() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    abstract String name();

    abstract int run() throws CniException;

    static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
