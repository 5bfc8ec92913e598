package coop.cluster.auth.people;

import coop.cluster.auth.people.domain.AuditEntry;
import coop.cluster.auth.people.persistence.AuditStore;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

/**
 * The audit trail of grants, revocations, invitations, login failures and client changes: one entry
 * per identity event ({@link AuditFeed} records them as they are published), read by managers.
 * Rights are checked by the callers ({@link PeopleAccess}).
 */
@Service
public class AuditTrail {

    private final AuditStore store;

    AuditTrail(AuditStore store) {
        this.store = store;
    }

    /**
     * @return false if the entry was there already (a redelivered event)
     */
    public boolean record(AuditEntry entry) {
        return store.record(entry);
    }

    /** Entries matching the filters (each ignored when null), newest first. */
    public Page<AuditEntry> list(String type, String personId, String memberId, Pageable page) {
        return store.list(type, personId, memberId, page);
    }
}
