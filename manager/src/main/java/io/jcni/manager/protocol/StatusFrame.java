package io.jcni.manager.protocol;

/** Asks the daemon for its status report (uptime, calls, errors, latencies). */
public record StatusFrame() implements RequestFrame {
}
