package io.jcni.e2e;

/** A pod's network namespace, as a runtime hands it to a CNI plugin in {@code CNI_NETNS}. */
public interface Pod extends Netns {
    /** The pod's unique name, also used as its container ID. */
    String name();
}
