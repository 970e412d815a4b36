package io.jcni.manager.cli;

import io.jcni.conf.CniException;
import io.jcni.conf.ValidAttachment;
import io.jcni.manager.cleanup.GarbageCollector;
import io.jcni.manager.cleanup.GcReport;
import io.jcni.manager.cleanup.Removal;
import io.jcni.manager.cleanup.ValidAttachmentsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Set;

/** {@code jcni gc}: removes what belongs to no live attachment. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Removes what belongs to no live attachment: leaked IPAM reservations, host veths, masquerade, portmap "
                + "and firewall rules, MAC spoof checks, ifb devices, tuning backups. An attachment is live while its pod's "
                + "network namespace exists or --valid-attachments names it. Prints what it removed.",
        footer = {"", "Examples:", "  jcni gc --dry-run",
                "  jcni gc --valid-attachments valid.json    # [{\"containerID\": \"c1\", \"ifname\": \"eth0\"}]",
                "", "Exit status: 0 all removed, 1 something planned is still there or a plugin's GC failed, 2 bad usage, "
                + "4 could not read the node or the file."})
final class GcCommand extends InspectCommand {
    @Option(names = "--dry-run", description = "print what would be removed, change nothing")
    boolean dryRun;

    @Option(names = "--valid-attachments", paramLabel = "FILE",
            description = "the runtime's live attachments, a JSON list of {\"containerID\", \"ifname\"} (CNI GC's cni.dev/valid-attachments)")
    Path validFile;

    @Override
    String name() {
        return "gc";
    }

    @Override
    int run() throws CniException {
        Set<ValidAttachment> valid = validFile == null ? Set.of() : ValidAttachmentsFile.read(validFile);
        GcReport report = new GarbageCollector(options.scope(), valid, this::progress).run(dryRun);
        if (terminal.interactive() && !options.json()) {
            System.err.print("\r\u001b[K");
        }
        if (options.json()) {
            out.print(JsonViews.text(JsonViews.gc(report)));
        } else {
            Table t = new Table("", "NETWORK", "CONTAINER", "IF", "WHAT", "OBJECT");
            String verb = report.dryRun() ? "would remove" : "removed";
            for (Removal r : report.removed()) {
                row(t, new Table.Cell(verb, report.dryRun() ? Terminal.YELLOW : Terminal.GREEN), r);
            }
            for (Removal r : report.left()) {
                row(t, new Table.Cell("left", Terminal.RED), r);
            }
            if (report.removed().isEmpty() && report.left().isEmpty()) {
                out.println("nothing to remove");
            } else {
                out.print(t.render(terminal));
            }
            report.errors().forEach(e -> System.err.println("jcni gc: " + e));
        }
        return report.clean() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private static void row(Table t, Table.Cell first, Removal r) {
        t.row(first, Table.Cell.plain(orDash(r.key().network())), Table.Cell.plain(orDash(r.key().containerId())),
                Table.Cell.plain(orDash(r.key().ifname())), Table.Cell.plain(r.what()), Table.Cell.plain(r.object()));
    }

    private void progress(String step) {
        if (terminal.interactive() && !options.json()) {
            System.err.print("\r\u001b[Kjcni gc: " + step);
            System.err.flush();
        }
    }
}
