package io.jcni.manager.daemon;

import io.netty.channel.unix.FileDescriptor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The descriptors a call brought: the caller's network namespace first, then its pod namespace
 * ({@code CNI_NETNS} opened by the caller) when it could open it. Owned here until closed.
 */
final class ReceivedFds implements AutoCloseable {
    private final List<FileDescriptor> fds = new ArrayList<>();

    void add(FileDescriptor fd) {
        fds.add(fd);
    }

    int count() {
        return fds.size();
    }

    int callerNetns() {
        return fds.getFirst().intValue();
    }

    Optional<Integer> podNetns() {
        return fds.size() > 1 ? Optional.of(fds.get(1).intValue()) : Optional.empty();
    }

    @Override
    public void close() {
        for (FileDescriptor fd : fds) {
            try {
                fd.close();
            } catch (IOException ignored) {
                // closing a received descriptor cannot fail in a way worth reporting
            }
        }
        fds.clear();
    }
}
