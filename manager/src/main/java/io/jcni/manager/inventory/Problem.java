package io.jcni.manager.inventory;

/** One thing wrong with one attachment, with the detail that names the object. */
public record Problem(AttachmentKey key, ProblemKind kind, String detail) {
}
