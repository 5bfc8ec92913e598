package coop.cluster.infra.support;

import java.util.concurrent.CountDownLatch;

/** A process that does nothing until it is killed: the "parent" in watchdog tests. */
public final class IdleMain {

    private IdleMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("idle, pid " + ProcessHandle.current().pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
