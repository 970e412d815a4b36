package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;

/**
 * {@code unshapedSubnets} / {@code shapedSubnets} need the reference's later HTB layout (classes
 * and per-subnet filters), which jcni does not build yet; refusing them beats shaping traffic
 * the config says to leave alone.
 */
final class SubnetShaping {
    private SubnetShaping() {
    }

    static void refuse(Shaping s) throws CniException {
        if (!s.unshapedSubnets().isEmpty()) {
            throw new CniException(ErrorCode.UNSUPPORTED_FIELD, "unshapedSubnets: not supported yet; remove it to shape all traffic");
        }
        if (!s.shapedSubnets().isEmpty()) {
            throw new CniException(ErrorCode.UNSUPPORTED_FIELD, "shapedSubnets: not supported yet; remove it to shape all traffic");
        }
    }
}
