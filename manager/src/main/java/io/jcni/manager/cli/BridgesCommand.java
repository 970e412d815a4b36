package io.jcni.manager.cli;

import io.jcni.manager.inventory.BridgeView;
import io.jcni.manager.inventory.Inventory;
import io.jcni.manager.inventory.InterfaceAddress;
import io.jcni.netlink.link.Link;
import picocli.CommandLine.Command;

import java.util.stream.Collectors;

/** {@code jcni bridges}: each bridge with its addresses, ports and attachments. */
@Command(name = "bridges", mixinStandardHelpOptions = true,
        description = "Lists each bridge on this node with its addresses, its ports, the networks that use it and the attachments on it.",
        footer = {"", "Examples:", "  jcni bridges", "  jcni bridges --netns /run/netns/node1 -o json",
                "", "Exit status: 0 listed, 2 bad usage, 4 could not read the node."})
final class BridgesCommand extends InspectCommand {
    @Override
    String name() {
        return "bridges";
    }

    @Override
    int run() {
        Inventory inv = Inventory.take(options.scope());
        if (options.json()) {
            out.print(JsonViews.text(JsonViews.bridges(inv)));
            return ExitCodes.OK;
        }
        Table t = new Table("BRIDGE", "STATE", "ADDRESSES", "NETWORKS", "PORTS", "ATTACHMENTS");
        for (BridgeView b : inv.bridges()) {
            t.row(Table.Cell.plain(b.link().name()),
                    b.link().isUp() ? new Table.Cell("up", Terminal.GREEN) : new Table.Cell("down", Terminal.YELLOW),
                    Table.Cell.plain(orDash(b.addresses().stream().map(InterfaceAddress::toString).collect(Collectors.joining(",")))),
                    Table.Cell.plain(orDash(String.join(",", b.networks()))),
                    Table.Cell.plain(orDash(b.ports().stream().map(Link::name).collect(Collectors.joining(",")))),
                    Table.Cell.plain(Integer.toString(b.attachments().size())));
        }
        out.print(t.render(terminal));
        return ExitCodes.OK;
    }
}
