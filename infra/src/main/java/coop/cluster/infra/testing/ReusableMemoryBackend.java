package coop.cluster.infra.testing;

import coop.cluster.infra.store.MemoryStoreBackend;

/**
 * An in-memory backend that outlives its server, so that the harness can stop and start the server
 * (clients see a real outage) and the data is still there afterwards, as with a mongod.
 */
final class ReusableMemoryBackend extends MemoryStoreBackend {

    /** A server shutdown closes its backend; this one stays open for the next server. */
    @Override
    public void close() {
        // intentionally kept open: see closeForGood()
    }

    void closeForGood() {
        super.close();
    }
}
