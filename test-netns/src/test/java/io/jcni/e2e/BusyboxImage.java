package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-layer OCI image of Debian's static busybox, built locally with shared/tools/oci-image
 * (no registry is reachable here) for {@code ctr image import}.
 */
public final class BusyboxImage {
    public static final String NAME = "localhost/jcni-busybox:e2e";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxImage() {
    }

    /** Builds the image archive under {@code directory} and returns its path. */
    public static Path build(Path directory) {
        Path rootfs = directory.resolve("rootfs");
        Path archive = directory.resolve("busybox.tar");
        try {
            Path bin = Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String applet : Exec.run(BUSYBOX.toString(), "--list").orFail().stdout().split("\n")) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the busybox root filesystem", e);
        }
        Exec.run("python3", ProjectPaths.shared("tools/oci-image/mkimage.py").toString(),
                rootfs.toString(), archive.toString(), NAME).orFail();
        return archive;
    }
}
