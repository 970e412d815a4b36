package io.jcni.manager.daemon;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttachmentQueueTest {
    private static Map<String, String> env(String command, String containerId, String ifname) {
        return Map.of("CNI_COMMAND", command, "CNI_CONTAINERID", containerId, "CNI_IFNAME", ifname);
    }

    @Test
    void callsOfOneAttachmentRunInArrivalOrderOthersDoNotWait() throws Exception {
        AttachmentQueue queue = new AttachmentQueue();
        List<String> ran = new CopyOnWriteArrayList<>();
        AttachmentQueue.Turn add = queue.enqueue(env("ADD", "c1", "eth0"));
        AttachmentQueue.Turn del = queue.enqueue(env("DEL", "c1", "eth0"));
        AttachmentQueue.Turn delAgain = queue.enqueue(env("DEL", "c1", "eth0"));
        CountDownLatch delsStarted = new CountDownLatch(2);
        Thread second = Thread.ofPlatform().start(() -> {
            delsStarted.countDown();
            del.await();
            ran.add("del");
            del.close();
        });
        Thread third = Thread.ofPlatform().start(() -> {
            delsStarted.countDown();
            delAgain.await();
            ran.add("del again");
            delAgain.close();
        });
        assertTrue(delsStarted.await(10, TimeUnit.SECONDS));
        // Another interface of the pod, a call without a container ID: no waiting.
        try (AttachmentQueue.Turn other = queue.enqueue(env("ADD", "c1", "net1"));
                AttachmentQueue.Turn version = queue.enqueue(Map.of("CNI_COMMAND", "VERSION"))) {
            other.await();
            version.await();
        }
        Thread.sleep(200);
        assertEquals(List.of(), ran, "the DELs wait for the ADD");
        add.await();
        ran.add("add");
        add.close();
        second.join(10_000);
        third.join(10_000);
        assertFalse(second.isAlive() || third.isAlive());
        assertEquals(List.of("add", "del", "del again"), ran);
        // The queue forgot the attachment: a new call runs at once.
        try (AttachmentQueue.Turn next = queue.enqueue(env("ADD", "c1", "eth0"))) {
            next.await();
        }
    }
}
