package io.jcni.manager.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.Json;
import io.jcni.conf.result.IpText;
import io.jcni.manager.cleanup.GcReport;
import io.jcni.manager.cleanup.Removal;
import io.jcni.manager.inventory.Attachment;
import io.jcni.manager.inventory.AttachmentKey;
import io.jcni.manager.inventory.BridgeView;
import io.jcni.manager.inventory.HostRule;
import io.jcni.manager.inventory.Inventory;
import io.jcni.manager.inventory.InterfaceAddress;
import io.jcni.manager.inventory.Problem;
import io.jcni.netlink.link.Link;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The {@code -o json} documents, one per command; their schema is in docs/cli.md. */
final class JsonViews {
    private JsonViews() {
    }

    static String text(ObjectNode doc) {
        return new String(Json.pretty(doc), StandardCharsets.UTF_8) + "\n";
    }

    static ObjectNode ls(Inventory inv) {
        ObjectNode doc = Json.object();
        ArrayNode list = doc.putArray("attachments");
        for (Attachment a : inv.attachments()) {
            ObjectNode o = key(list.addObject(), a.key());
            o.put("madeBy", a.maker().name().toLowerCase());
            opt(o, "bridge", a.bridge());
            opt(o, "hostVeth", a.hostVeth().map(Link::name));
            opt(o, "podNetns", a.liveNetns().map(Object::toString));
            opt(o, "podInterface", a.pod().map(p -> p.link().name()));
            opt(o, "mac", a.pod().flatMap(p -> p.link().mac()).map(Object::toString));
            ArrayNode addrs = o.putArray("addresses");
            a.pod().ifPresent(p -> p.addresses().forEach(x -> addrs.add(x.toString())));
            ArrayNode res = o.putArray("reservations");
            a.reservations().forEach(r -> res.add(IpText.format(r)));
            ArrayNode rules = o.putArray("rules");
            for (HostRule r : a.rules()) {
                rules.addObject().put("kind", r.kind().label()).put("where", r.where());
            }
            opt(o, "ifb", a.ifb());
            ArrayNode backups = o.putArray("tuningBackups");
            a.tuningBackups().forEach(f -> backups.add(f.toString()));
            opt(o, "cachedNetns", a.cached().flatMap(c -> c.netns()));
            o.put("alive", a.alive());
        }
        warnings(doc, inv.problems());
        return doc;
    }

    static ObjectNode bridges(Inventory inv) {
        ObjectNode doc = Json.object();
        ArrayNode list = doc.putArray("bridges");
        for (BridgeView b : inv.bridges()) {
            ObjectNode o = list.addObject();
            o.put("name", b.link().name());
            opt(o, "mac", b.link().mac().map(Object::toString));
            o.put("up", b.link().isUp());
            o.put("mtu", b.link().mtu());
            ArrayNode addrs = o.putArray("addresses");
            b.addresses().stream().map(InterfaceAddress::toString).forEach(addrs::add);
            ArrayNode ports = o.putArray("ports");
            b.ports().forEach(p -> ports.add(p.name()));
            ArrayNode nets = o.putArray("networks");
            b.networks().forEach(nets::add);
            ArrayNode atts = o.putArray("attachments");
            b.attachments().forEach(k -> key(atts.addObject(), k));
        }
        warnings(doc, inv.problems());
        return doc;
    }

    static ObjectNode check(List<Problem> problems, Inventory inv) {
        ObjectNode doc = Json.object();
        doc.put("ok", problems.isEmpty());
        doc.put("attachments", inv.attachments().size());
        ArrayNode list = doc.putArray("problems");
        for (Problem p : problems) {
            key(list.addObject(), p.key()).put("kind", p.kind().name().toLowerCase()).put("detail", p.detail());
        }
        warnings(doc, inv.problems());
        return doc;
    }

    static ObjectNode gc(GcReport r) {
        ObjectNode doc = Json.object();
        doc.put("dryRun", r.dryRun());
        removals(doc.putArray("removed"), r.removed());
        removals(doc.putArray("left"), r.left());
        ArrayNode errors = doc.putArray("errors");
        r.errors().forEach(errors::add);
        return doc;
    }

    private static void removals(ArrayNode into, List<Removal> list) {
        for (Removal x : list) {
            key(into.addObject(), x.key()).put("what", x.what()).put("object", x.object());
        }
    }

    private static ObjectNode key(ObjectNode o, AttachmentKey k) {
        return o.put("network", k.network()).put("containerId", k.containerId()).put("ifname", k.ifname());
    }

    private static void opt(ObjectNode o, String field, Optional<String> v) {
        if (v.isPresent()) {
            o.put(field, v.get());
        } else {
            o.putNull(field);
        }
    }

    private static void warnings(ObjectNode doc, List<String> problems) {
        ArrayNode w = doc.putArray("warnings");
        problems.forEach(w::add);
    }
}
