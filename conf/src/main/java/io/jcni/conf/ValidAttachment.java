package io.jcni.conf;

/** One entry of GC's {@code cni.dev/valid-attachments}: an attachment the runtime still uses. */
public record ValidAttachment(String containerId, String ifname) {
}
