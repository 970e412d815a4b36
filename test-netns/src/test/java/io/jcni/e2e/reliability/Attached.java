package io.jcni.e2e.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.e2e.AddResult;
import io.jcni.e2e.NetnsPod;

/** A pod the runtime believes attached: its namespace and the result its ADD returned. */
record Attached(String containerId, NetnsPod pod, JsonNode result) {
    String ip(boolean ipv6) {
        return new AddResult(result).ip(ipv6);
    }

    String hostVeth() {
        return new AddResult(result).hostVeth();
    }
}
