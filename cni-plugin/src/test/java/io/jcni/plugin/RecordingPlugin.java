package io.jcni.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Dns;
import io.jcni.conf.result.Interface;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-only plugin of type {@code jcni-test}: reads an optional integer {@code mtu} the way real
 * plugins read their keys, records the verbs it was called with, and fails on demand through the
 * config key {@code "fail"}: {@code "runtime"} throws an unchecked exception, a number throws a
 * {@link CniException} with that code. {@code "shout": true} makes it print to System.out, as a
 * misbehaving library might, to show that this cannot reach the process's stdout.
 */
public final class RecordingPlugin implements CniPlugin {
    public static final String TYPE = "jcni-test";
    private static final FieldReader CONFIG = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);
    final List<Verb> calls = new ArrayList<>();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Result add(Request request) throws CniException {
        bind(request);
        try {
            return new Result(
                    List.of(new Interface(request.ifname(), "0a:58:0a:f4:00:02", null, request.netns().orElse(""), null, null)),
                    List.of(new IpConfig(IpPrefix.parse("192.0.2.2/24"), InetAddress.getByName("192.0.2.1"), 0)),
                    List.of(), Dns.EMPTY);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void del(Request request) throws CniException {
        bind(request);
    }

    @Override
    public void check(Request request) throws CniException {
        bind(request);
    }

    @Override
    public void status(Request request) throws CniException {
        bind(request);
    }

    @Override
    public void gc(Request request) throws CniException {
        bind(request);
    }

    /** Reads the keys this plugin owns the way real plugins read theirs (FieldReader, code 7). */
    private void bind(Request request) throws CniException {
        calls.add(request.verb());
        ObjectNode raw = NetworkConfig.parse(request.config()).raw();
        CONFIG.optInt(raw, "", "mtu");
        Optional<JsonNode> fail = CONFIG.opt(raw, "fail");
        if (CONFIG.optBoolean(raw, "", "shout").orElse(false)) {
            System.out.println("noise from the plugin");
        }
        if (fail.isPresent() && fail.get().isTextual()) {
            throw new IllegalStateException("boom from " + fail.get().textValue());
        }
        if (fail.isPresent() && fail.get().isInt()) {
            throw new CniException(fail.get().intValue(), "container: failing on request");
        }
    }
}
