package io.jcni.conf;

/** The value of {@code CNI_COMMAND}. */
public enum Verb {
    ADD, DEL, CHECK, VERSION, STATUS, GC
}
