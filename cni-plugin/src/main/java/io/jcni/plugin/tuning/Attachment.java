package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.Request;

/** The pod interface a call tunes: container ID, ifname and the pod's namespace path. */
record Attachment(String containerId, String ifname, String netns) {
    static Attachment of(Request req) throws CniException {
        String netns = req.requireNetns();
        return new Attachment(req.containerId(), req.ifname(), netns);
    }
}
