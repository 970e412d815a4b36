package io.jcni.plugin.bridge;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The bridge plugin's own keys exactly as they appear in the network config JSON; nulls are keys
 * that were absent. {@link BridgeConfig#of} validates this into the form the plugin uses.
 * Property names are spelled out because Jackson would read {@code isGateway} as {@code gateway}.
 */
record BridgeConfigJson(
        @JsonProperty("bridge") String bridge,
        @JsonProperty("isGateway") Boolean isGateway,
        @JsonProperty("isDefaultGateway") Boolean isDefaultGateway,
        @JsonProperty("forceAddress") Boolean forceAddress,
        @JsonProperty("ipMasqBackend") String ipMasqBackend,
        @JsonProperty("mtu") Integer mtu,
        @JsonProperty("hairpinMode") Boolean hairpinMode,
        @JsonProperty("promiscMode") Boolean promiscMode,
        @JsonProperty("vlan") Integer vlan,
        @JsonProperty("vlanTrunk") List<Trunk> vlanTrunk,
        @JsonProperty("preserveDefaultVlan") Boolean preserveDefaultVlan,
        @JsonProperty("enabledad") Boolean enabledad,
        @JsonProperty("macspoofchk") Boolean macspoofchk,
        @JsonProperty("disableContainerInterface") Boolean disableContainerInterface,
        @JsonProperty("portIsolation") Boolean portIsolation,
        @JsonProperty("args") Args args,
        @JsonProperty("runtimeConfig") RuntimeConfig runtimeConfig) {

    /** One {@code vlanTrunk} entry: a single {@code id} or a {@code minID}..{@code maxID} range (or both). */
    record Trunk(@JsonProperty("id") Integer id, @JsonProperty("minID") Integer minId,
                 @JsonProperty("maxID") Integer maxId) {
    }

    record Args(@JsonProperty("cni") CniArgsSection cni) {
    }

    record CniArgsSection(@JsonProperty("mac") String mac) {
    }

    record RuntimeConfig(@JsonProperty("mac") String mac) {
    }
}
