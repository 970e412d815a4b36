package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.result.Dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a resolv.conf into a result's {@code dns} the way the reference does: {@code nameserver}
 * lines add a server, {@code domain} sets the domain, {@code search} and {@code options} add their
 * words; comments ({@code #}, {@code ;}), blank lines, other keywords and keywords without a value
 * are skipped.
 */
public final class ResolvConf {
    private ResolvConf() {
    }

    public static Dns read(Path file) throws CniException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "ipam.resolvConf: " + file + " does not exist");
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "ipam.resolvConf: cannot read " + file, e);
        }
        List<String> nameservers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        String domain = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 2) {
                continue;
            }
            List<String> rest = List.of(f).subList(1, f.length);
            switch (f[0]) {
                case "nameserver" -> nameservers.add(f[1]);
                case "domain" -> domain = f[1];
                case "search" -> search.addAll(rest);
                case "options" -> options.addAll(rest);
                default -> {
                    // sortlist and others have no place in a CNI result
                }
            }
        }
        return new Dns(nameservers, domain, search, options);
    }
}
