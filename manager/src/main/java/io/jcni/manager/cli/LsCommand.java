package io.jcni.manager.cli;

import io.jcni.conf.result.IpText;
import io.jcni.manager.inventory.Attachment;
import io.jcni.manager.inventory.Inventory;
import io.jcni.manager.inventory.InterfaceAddress;
import io.jcni.manager.inventory.Maker;
import picocli.CommandLine.Command;

import java.util.stream.Collectors;

/** {@code jcni ls}: every attachment on the node, whoever made it. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Lists every pod attachment on this node (the network namespace jcni runs in, or --netns): "
                + "network, container, interface, bridge, host veth, pod netns, MAC, addresses, host rules, IPAM reservation, "
                + "and whether jcni or the reference plugins made it.",
        footer = {"", "Examples:", "  jcni ls", "  ip netns exec node1 jcni ls --conf-dir /tmp/net.d -o json",
                "", "Exit status: 0 listed, 2 bad usage, 4 could not read the node."})
final class LsCommand extends InspectCommand {
    @Override
    String name() {
        return "ls";
    }

    @Override
    int run() {
        Inventory inv = Inventory.take(options.scope());
        if (options.json()) {
            out.print(JsonViews.text(JsonViews.ls(inv)));
            return ExitCodes.OK;
        }
        Table t = new Table("NETWORK", "CONTAINER", "IF", "BY", "BRIDGE", "VETH", "NETNS", "MAC", "ADDRESSES", "HOST", "RESERVED");
        for (Attachment a : inv.attachments()) {
            String addresses = a.pod().map(p -> p.addresses().stream().map(InterfaceAddress::toString)
                    .collect(Collectors.joining(","))).orElse("");
            String rules = String.join(",", a.hostObjects());
            String reserved = a.reservations().stream().map(IpText::format).collect(Collectors.joining(","));
            t.row(Table.Cell.plain(orDash(a.key().network())), Table.Cell.plain(orDash(a.key().containerId())),
                    Table.Cell.plain(orDash(a.key().ifname())),
                    new Table.Cell(a.maker().label(), a.maker() == Maker.JCNI ? Terminal.GREEN : Terminal.DIM),
                    Table.Cell.plain(orDash(a.bridge().orElse(""))),
                    a.hostVeth().map(v -> Table.Cell.plain(v.name())).orElse(new Table.Cell("missing", Terminal.RED)),
                    a.liveNetns().map(p -> Table.Cell.plain(p.toString()))
                            .orElse(new Table.Cell(a.vanishedNetns().isPresent() ? "vanished" : "-", Terminal.RED)),
                    Table.Cell.plain(orDash(a.pod().flatMap(p -> p.link().mac()).map(Object::toString).orElse(""))),
                    Table.Cell.plain(orDash(addresses)), Table.Cell.plain(orDash(rules)), Table.Cell.plain(orDash(reserved)));
        }
        out.print(t.render(terminal));
        inv.problems().forEach(p -> System.err.println("jcni ls: " + p));
        return ExitCodes.OK;
    }
}
