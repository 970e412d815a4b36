package io.jcni.conf;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper every module uses. CNI JSON is read as a tree (trailing content after the
 * value is an error) and its fields through {@link FieldReader}, which refuses silent coercion
 * between JSON types ({@code "mtu": "1500"} is an error, as in Go). Output is formatted like Go's
 * {@code json.MarshalIndent(v, "", "    ")} so runtimes and tests see the reference plugins' bytes.
 * The mapper is configured once here; callers must not reconfigure it.
 */
public final class Json {
    private static final ObjectMapper MAPPER = build();
    private static final String DUPLICATE = "Duplicate field '";
    private static final ObjectWriter PRETTY = MAPPER.writer(goPrettyPrinter()).with(new GoEscapes());
    private static final ObjectWriter COMPACT = MAPPER.writer().with(new GoEscapes());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads one JSON object. Empty input, malformed JSON or another kind of value is error code 6
     * (failed to decode), with {@code what} naming the input (e.g. {@code network config}).
     */
    public static ObjectNode readObject(byte[] bytes, String what) throws CniException {
        JsonNode node = read(bytes, what);
        if (!node.isObject()) {
            throw new CniException(ErrorCode.DECODING_FAILURE,
                    what + ": expected a JSON object, got " + FieldReader.kind(node));
        }
        return (ObjectNode) node;
    }

    /** Reads one JSON value; empty input or malformed JSON is error code 6. */
    public static JsonNode read(byte[] bytes, String what) throws CniException {
        if (bytes == null || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new CniException(ErrorCode.DECODING_FAILURE, what + ": empty input, expected JSON");
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(DUPLICATE)
                    && e.getProcessor() instanceof JsonParser parser) {
                throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, duplicatePath(parser, e.getOriginalMessage())
                        + ": duplicated key (a key given twice is ambiguous)", where(e), e);
            }
            throw new CniException(ErrorCode.DECODING_FAILURE,
                    what + ": malformed JSON" + where(e) + ": " + e.getOriginalMessage(), "", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CniException(ErrorCode.DECODING_FAILURE,
                    what + ": malformed JSON" + where + ": " + e.getOriginalMessage(), "", e);
        } catch (IOException e) {
            throw new CniException(ErrorCode.DECODING_FAILURE, what + ": unreadable: " + e.getMessage(), "", e);
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** The duplicated key as a field path ({@code sysctl.net.core.somaxconn}, {@code ipam.ranges[0][1].subnet}). */
    private static String duplicatePath(JsonParser parser, String message) {
        String key = message.substring(DUPLICATE.length(), message.length() - 1);
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        JsonStreamContext child = parser.getParsingContext();
        for (JsonStreamContext ctx = child.getParent(); ctx != null && !ctx.inRoot(); child = ctx, ctx = ctx.getParent()) {
            parts.push(ctx.inArray() ? "[" + ctx.getCurrentIndex() + "]" : "." + ctx.getCurrentName());
        }
        String parent = String.join("", parts);
        return FieldReader.path(parent.startsWith(".") ? parent.substring(1) : parent, key);
    }

    /** Go's {@code MarshalIndent} layout: four spaces, {@code "key": value}, {@code {}} when empty. */
    public static byte[] pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree always serialises
        }
    }

    /** Go's {@code Marshal} layout: no white space. */
    public static byte[] compact(JsonNode node) {
        try {
            return COMPACT.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static ObjectMapper build() {
        // Only trees are read (no binding to classes). A key given twice is code 7 naming it (Go
        // keeps the last silently; the reference's tuning refuses twice-given sysctls): two
        // readers of one config must never see two different configs.
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static DefaultPrettyPrinter goPrettyPrinter() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
