package io.jcni.manager.cli;

import io.jcni.manager.inventory.HealthCheck;
import io.jcni.manager.inventory.Inventory;
import io.jcni.manager.inventory.Problem;
import picocli.CommandLine.Command;

import java.util.List;

/** {@code jcni check}: what CHECK would say, for every attachment at once. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks every attachment on this node: a veth end missing, addresses reserved without an interface "
                + "or an interface without a reservation, rules without a pod, a pod without its rules, a netns that vanished.",
        footer = {"", "Examples:", "  jcni check && echo healthy", "  jcni check -o json | jq '.problems[].kind'",
                "", "Exit status: 0 nothing wrong, 1 problems found, 2 bad usage, 4 could not read the node."})
final class CheckCommand extends InspectCommand {
    @Override
    String name() {
        return "check";
    }

    @Override
    int run() {
        Inventory inv = Inventory.take(options.scope());
        List<Problem> problems = HealthCheck.of(inv);
        if (options.json()) {
            out.print(JsonViews.text(JsonViews.check(problems, inv)));
        } else if (problems.isEmpty()) {
            out.println(terminal.paint(Terminal.GREEN, "ok") + ": " + inv.attachments().size() + " attachment(s), nothing wrong");
        } else {
            Table t = new Table("NETWORK", "CONTAINER", "IF", "PROBLEM", "DETAIL");
            for (Problem p : problems) {
                t.row(Table.Cell.plain(orDash(p.key().network())), Table.Cell.plain(orDash(p.key().containerId())),
                        Table.Cell.plain(orDash(p.key().ifname())),
                        new Table.Cell(p.kind().name().toLowerCase(), Terminal.RED), Table.Cell.plain(p.detail()));
            }
            out.print(t.render(terminal));
        }
        inv.problems().forEach(p -> System.err.println("jcni check: " + p));
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
