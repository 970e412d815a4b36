package io.jcni.plugin.bridge;

/** One entry of GC's {@code cni.dev/valid-attachments}: an attachment the runtime still uses. */
public record Attachment(String containerId, String ifname) {
}
