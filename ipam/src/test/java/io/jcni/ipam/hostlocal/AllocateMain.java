package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.Verb;
import io.jcni.conf.result.IpConfig;
import io.jcni.ipam.Requests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate process for {@link ConcurrencyTest}: waits for the start file, then allocates
 * {@code count} attachments named {@code PREFIX-N} and prints each address on its own line.
 */
public final class AllocateMain {
    private AllocateMain() {
    }

    public static void main(String[] args) throws Exception {
        String config = Files.readString(Path.of(args[0]));
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        Path go = Path.of(args[3]);
        while (!Files.exists(go)) {
            Thread.sleep(5);
        }
        HostLocal plugin = new HostLocal();
        for (int i = 0; i < count; i++) {
            try {
                for (IpConfig ip : plugin.add(Requests.of(Verb.ADD, prefix + "-" + i, config)).ips()) {
                    System.out.println(ip.address().address().getHostAddress());
                }
            } catch (CniException e) {
                System.err.println(prefix + "-" + i + ": code " + e.code() + ": " + e.msg());
                System.exit(1);
            }
        }
    }
}
