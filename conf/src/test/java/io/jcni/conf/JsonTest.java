package io.jcni.conf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {
    @Test
    void prettyIsGoMarshalIndentLayout() throws CniException {
        ObjectNode o = Json.readObject(utf8("{\"a\":1,\"b\":[\"x\",{}],\"c\":{},\"d\":[],\"e\":{\"f\":true}}"), "t");
        String expected = """
                {
                    "a": 1,
                    "b": [
                        "x",
                        {}
                    ],
                    "c": {},
                    "d": [],
                    "e": {
                        "f": true
                    }
                }""";
        assertEquals(expected, new String(Json.pretty(o), StandardCharsets.UTF_8));
    }

    @Test
    void compactHasNoWhiteSpace() throws CniException {
        ObjectNode o = Json.readObject(utf8("{ \"a\" : [ 1 , 2 ] }"), "t");
        assertEquals("{\"a\":[1,2]}", new String(Json.compact(o), StandardCharsets.UTF_8));
    }

    @Test
    void escapesHtmlCharactersLikeGo() {
        ObjectNode o = Json.object().put("msg", "a<b>&c\u2028 é \"q\" \n");
        assertEquals("{\"msg\":\"a\\u003cb\\u003e\\u0026c\\u2028 é \\\"q\\\" \\n\"}",
                new String(Json.compact(o), StandardCharsets.UTF_8));
    }

    @Test
    void malformedJsonSaysWhere() {
        assertCniError(6, "stdin: malformed JSON at line 2, column", () ->
                Json.readObject(utf8("{\"a\":1,\n\"b\":}"), "stdin"));
    }

    @Test
    void aKeyGivenTwiceIsRejectedByName() {
        assertCniError(7, "a.mtu: duplicated key", () -> Json.readObject(utf8("{\"a\":{\"mtu\":1,\"mtu\":2}}"), "stdin"));
        assertCniError(7, "r[1].x.k: duplicated key", () -> Json.readObject(utf8("{\"r\":[{},{\"x\":{\"k\":1,\"k\":2}}]}"), "stdin"));
        assertCniError(7, "name: duplicated key", () -> Json.readObject(utf8("{\"name\":\"a\",\"name\":\"b\"}"), "stdin"));
    }

    @Test
    void nestingBeyondJacksonsLimitIsADecodingError() {
        assertCniError(6, "stdin: malformed JSON", () -> Json.readObject(utf8("{\"a\":" + "[".repeat(5000)
                + "]".repeat(5000) + "}"), "stdin"));
    }

    @Test
    void trailingContentIsRejected() {
        assertCniError(6, "stdin: malformed JSON", () -> Json.readObject(utf8("{\"a\":1} x"), "stdin"));
    }

    @Test
    void readsOtherValuesButReadObjectWantsAnObject() throws CniException {
        assertEquals(5, Json.read(utf8("5"), "t").intValue());
        assertCniError(6, "t: expected a JSON object, got 5", () -> Json.readObject(utf8("5"), "t"));
    }
}
