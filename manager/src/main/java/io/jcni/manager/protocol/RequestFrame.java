package io.jcni.manager.protocol;

/** A decoded request frame: a plugin call or a status question. */
public sealed interface RequestFrame permits CallFrame, StatusFrame {
}
