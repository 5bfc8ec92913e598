package coop.cluster.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test gives up waiting for the gateway's answer ("Timeout on blocking read"), prints every
 * thread's stack before failing: two clean-clone CI runs saw one request of a gateway test wait 30
 * s with nothing in the log, and the next such wait should show where the gateway (or the client)
 * was stuck. Registered for every gateway test through JUnit's extension auto-detection
 * (src/test/resources).
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        if (isTimeout(failure)) {
            StringBuilder dump =
                    new StringBuilder(
                            "---- thread dump: "
                                    + context.getDisplayName()
                                    + " waited too long for an answer\n");
            for (ThreadInfo thread :
                    ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                dump.append(thread.toString());
                if (thread.getStackTrace().length > 8) {
                    // ThreadInfo.toString() stops at 8 frames
                    for (int i = 8; i < Math.min(40, thread.getStackTrace().length); i++) {
                        dump.append("\tat ").append(thread.getStackTrace()[i]).append('\n');
                    }
                }
            }
            System.out.println(dump);
        }
        throw failure;
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || (t.getMessage() != null
                            && t.getMessage().startsWith("Timeout on blocking read"))) {
                return true;
            }
        }
        return false;
    }
}
