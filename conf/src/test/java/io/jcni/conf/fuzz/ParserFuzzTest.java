package io.jcni.conf.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcni.conf.CniArgs;
import io.jcni.conf.CniEnvironment;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ConfList;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.VersionInfo;
import io.jcni.conf.result.ResultCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of every parser that reads bytes a runtime or another plugin hands us
 * (network configs, conflists, results and prevResults of every version, CNI_ARGS, the
 * environment, VERSION replies): any input yields a value or a {@link CniException} with a code
 * the spec or our ranges define, never another exception. Inputs: random bytes, and valid
 * documents with random edits (the interesting neighbourhood). A seeded generator of our own,
 * not a library (docs/decisions.md); {@code -Djcni.fuzz.tries=N} (2000 by default, the
 * reliability script's long mode passes more), {@code -Djcni.fuzz.seed=S} replays a failure.
 */
class ParserFuzzTest {
    private static final int TRIES = Integer.getInteger("jcni.fuzz.tries", 2000);
    private static final List<String> SEEDS = List.of(
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"bridge\",\"bridge\":\"cni0\",\"mtu\":1500,"
                    + "\"ipam\":{\"type\":\"host-local\",\"ranges\":[[{\"subnet\":\"10.0.0.0/24\"}]]},"
                    + "\"runtimeConfig\":{\"portMappings\":[{\"hostPort\":80,\"containerPort\":8080}]},"
                    + "\"args\":{\"cni\":{\"ips\":[\"10.0.0.5\"]}},\"dns\":{\"nameservers\":[\"8.8.8.8\"]}}",
            "{\"cniVersion\":\"1.1.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\"},{\"type\":\"portmap\","
                    + "\"capabilities\":{\"portMappings\":true}}],\"cni.dev/valid-attachments\":"
                    + "[{\"containerID\":\"c\",\"ifname\":\"eth0\"}]}",
            "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"tuning\",\"prevResult\":{\"cniVersion\":\"1.0.0\","
                    + "\"interfaces\":[{\"name\":\"eth0\",\"mac\":\"aa:bb:cc:dd:ee:ff\",\"sandbox\":\"/x\"}],"
                    + "\"ips\":[{\"address\":\"10.0.0.2/24\",\"gateway\":\"10.0.0.1\",\"interface\":0}],"
                    + "\"routes\":[{\"dst\":\"0.0.0.0/0\",\"gw\":\"10.0.0.1\"}],\"dns\":{}}}",
            "{\"cniVersion\":\"0.3.1\",\"interfaces\":[{\"name\":\"eth0\"}],\"ips\":[{\"version\":\"4\","
                    + "\"address\":\"10.0.0.2/24\",\"interface\":0}]}",
            "{\"cniVersion\":\"0.2.0\",\"ip4\":{\"ip\":\"10.0.0.2/24\",\"gateway\":\"10.0.0.1\","
                    + "\"routes\":[{\"dst\":\"0.0.0.0/0\"}]},\"dns\":{}}",
            "{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"0.4.0\",\"1.0.0\"]}");

    /** The one property, over every parser, for {@link #TRIES} inputs drawn from a logged seed. */
    @Test
    void everyParserGivesAValueOrACodedCniError() {
        long seed = Long.getLong("jcni.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        CniVersion[] versions = CniVersion.values();
        for (int i = 0; i < TRIES; i++) {
            byte[] input = input(random);
            String env = ENV_VALUES[random.nextInt(ENV_VALUES.length)];
            String args = random.nextBoolean() ? ENV_VALUES[random.nextInt(ENV_VALUES.length)]
                    : new String(mutate("IgnoreUnknown=1;IP=10.0.0.5;MAC=aa:bb:cc:dd:ee:ff", 3, random), StandardCharsets.UTF_8);
            String replay = " (input " + i + " of seed " + seed + ", replay: -Djcni.fuzz.seed=" + seed + "): "
                    + new String(input, StandardCharsets.UTF_8);
            outcome(replay, () -> NetworkConfig.parse(input));
            outcome(replay, () -> ConfList.parse(input));
            outcome(replay, () -> ResultCodec.read(input, versions[random.nextInt(versions.length)]));
            outcome(replay, () -> VersionInfo.parse(input));
            outcome(replay, () -> CniArgs.parse(args));
            outcome(replay, () -> CniEnvironment.parse(Map.of("CNI_COMMAND", env, "CNI_CONTAINERID", env,
                    "CNI_IFNAME", env, "CNI_NETNS", "/var/run/netns/x", "CNI_PATH", "/opt/cni/bin", "CNI_ARGS", args), input));
        }
        System.out.println("ParserFuzzTest: " + TRIES + " inputs x 6 parsers, seed " + seed + ": no exception but coded CNI errors");
    }

    private static final String[] ENV_VALUES = {"ADD", "DEL", "CHECK", "GC", "STATUS", "VERSION", "eth0", "c1",
            "IgnoreUnknown=1;IP=10.0.0.5", "K8S_POD_NAME=a;MAC=aa:bb:cc:dd:ee:ff", "a=b=c;;=", "", "../x", "a b",
            "\u00e9\u0001", "x".repeat(300)};

    /** One input in five is random bytes; the rest are valid documents with one to eight edits. */
    private static byte[] input(Random random) {
        if (random.nextInt(5) == 0) {
            byte[] raw = new byte[random.nextInt(300)];
            random.nextBytes(raw);
            return raw;
        }
        return mutate(SEEDS.get(random.nextInt(SEEDS.size())), 1 + random.nextInt(8), random);
    }

    private static final String[] FRAGMENTS = {"{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1",
            "1e999", "99999999999999999999", "\"\"", "{}", "[]", "\"x\":", "\\u0000", "0.5", "\"1.0.0\"",
            "\"::\"", "\"10.0.0.0/33\"", "\"ff:ff\"", "[[[[", "\"a/b\""};

    /** {@code n} edits of {@code text}: a character dropped, a fragment inserted, a value swapped. */
    static byte[] mutate(String text, int n, Random random) {
        StringBuilder b = new StringBuilder(text);
        for (int i = 0; i < n && !b.isEmpty(); i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                default -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(12));
                    b.replace(at, end, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                }
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface Parse {
        Object run() throws CniException;
    }

    /** A value, or a CNI error with a defined code: spec 1-7, 11, 50-51; ours 100 and up (not 999). */
    private static void outcome(String replay, Parse parse) {
        try {
            parse.run();
        } catch (CniException e) {
            int code = e.code();
            assertTrue(code >= 1 && code <= 7 || code == 11 || code == 50 || code == 51
                    || code >= 100 && code < 999, "code " + code + ": " + e.getMessage() + replay);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error without a message" + replay);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("not a CNI error: " + e + replay, e);
        }
    }
}
