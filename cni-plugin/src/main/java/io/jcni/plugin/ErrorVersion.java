package io.jcni.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniVersion;
import io.jcni.conf.Json;

/**
 * The version to write an error object in: the config's {@code cniVersion} when stdin is readable
 * enough to say one we speak, else the latest. Lenient on purpose: it runs when parsing failed.
 */
final class ErrorVersion {
    private ErrorVersion() {
    }

    static CniVersion of(byte[] stdin) {
        try {
            JsonNode version = Json.read(stdin, "network config").path("cniVersion");
            return CniVersion.parse(version.asText(), "cniVersion");
        } catch (Exception unreadable) {
            return CniVersion.LATEST;
        }
    }
}
