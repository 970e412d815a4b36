package io.jcni.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
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

/**
 * A test-only plugin of type {@code jcni-test}: binds an optional integer {@code mtu} the way real
 * plugins bind their keys, records the verbs it was called with, and fails on demand through the
 * config key {@code "fail"}: {@code "runtime"} throws an unchecked exception, a number throws a
 * {@link CniException} with that code. {@code "shout": true} makes it print to System.out, as a
 * misbehaving library might, to show that this cannot reach the process's stdout.
 */
public final class RecordingPlugin implements CniPlugin {
    public static final String TYPE = "jcni-test";
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

    /** The keys this plugin owns, bound the way real plugins bind theirs. */
    public record Config(Integer mtu, JsonNode fail, Boolean shout) {
    }

    private void bind(Request request) throws CniException {
        calls.add(request.verb());
        Config config = NetworkConfig.parse(request.config()).bind(Config.class);
        if (Boolean.TRUE.equals(config.shout())) {
            System.out.println("noise from the plugin");
        }
        if (config.fail() != null && config.fail().isTextual()) {
            throw new IllegalStateException("boom from " + config.fail().textValue());
        }
        if (config.fail() != null && config.fail().isInt()) {
            throw new CniException(config.fail().intValue(), "container: failing on request");
        }
    }
}
