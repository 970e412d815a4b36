package io.jcni.e2e;

import java.nio.file.Path;

/** One pod interface a runtime asks a network for: container ID, interface name and namespace. */
public record Attachment(String containerId, String ifname, Path netns) {
    public static final String DEFAULT_IFNAME = "eth0";

    public static Attachment of(Pod pod) {
        return new Attachment(pod.name(), DEFAULT_IFNAME, pod.netnsPath());
    }
}
