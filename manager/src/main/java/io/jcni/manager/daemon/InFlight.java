package io.jcni.manager.daemon;

/** Counts calls being served, so that a stop can let them finish and refuse new ones. */
final class InFlight {
    private int running;
    private boolean stopping;

    /** @return false when the daemon is stopping (the call must not start) */
    synchronized boolean enter() {
        if (stopping) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        notifyAll();
    }

    /** Refuses new calls and waits until the running ones have finished. */
    synchronized void drain() throws InterruptedException {
        stopping = true;
        while (running > 0) {
            wait();
        }
    }
}
