package io.jcni.conf.result;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.FieldReader;
import io.jcni.conf.Json;

import java.util.List;

/** The {@code dns} object, the same in configs and in results of every version. */
public final class DnsJson {
    private DnsJson() {
    }

    public static Dns read(ObjectNode node, FieldReader reader, String path) throws CniException {
        String domain = reader.optString(node, path, "domain").filter(s -> !s.isEmpty()).orElse(null);
        return new Dns(reader.optStringList(node, path, "nameservers"), domain,
                reader.optStringList(node, path, "search"), reader.optStringList(node, path, "options"));
    }

    /** Go's field order, every empty field omitted: an empty Dns is {@code {}}. */
    public static ObjectNode write(Dns dns) {
        ObjectNode out = Json.object();
        list(out, "nameservers", dns.nameservers());
        if (dns.domain() != null && !dns.domain().isEmpty()) {
            out.put("domain", dns.domain());
        }
        list(out, "search", dns.search());
        list(out, "options", dns.options());
        return out;
    }

    private static void list(ObjectNode out, String key, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = out.putArray(key);
            values.forEach(a::add);
        }
    }
}
