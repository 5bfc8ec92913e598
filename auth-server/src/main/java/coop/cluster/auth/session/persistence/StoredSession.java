package coop.cluster.auth.session.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.session.MapSession;
import org.springframework.session.Session;

/**
 * A login session as {@link SessionStore} reads and writes it: a {@link MapSession} holding the
 * values, and what changed since it was read, so that a save writes only that ({@code $set} of the
 * changed attributes, {@code $unset} of the removed ones, in one update of one document). Two
 * requests of one browser that change different attributes at once (the second-factor page and a
 * CSRF token, say) then do not undo each other's change, as they would if each wrote the whole
 * session back.
 *
 * <p>The document's key ({@link #key}) is not the session id: it stays while the id changes
 * (session fixation protection at login and at the second factor), so a new id is one field of the
 * same update. The store only ever sees the id's SHA-256.
 */
public final class StoredSession implements Session {

    private final MapSession values;
    private final String key;
    private boolean isNew;

    /** The id whose hash the stored document carries; null while the session is not stored. */
    private String storedId;

    private final Set<String> changedAttributes = new HashSet<>();

    private StoredSession(MapSession values, String key, boolean isNew) {
        this.values = values;
        this.key = key;
        this.isNew = isNew;
        this.storedId = isNew ? null : values.getId();
    }

    /** A session not stored yet. */
    static StoredSession created(MapSession values, String key) {
        return new StoredSession(values, key, true);
    }

    /** A session read from the store. */
    static StoredSession stored(MapSession values, String key) {
        return new StoredSession(values, key, false);
    }

    String key() {
        return key;
    }

    boolean isNew() {
        return isNew;
    }

    /** True when the id was changed since the session was last stored. */
    boolean idChanged() {
        return storedId != null && !storedId.equals(values.getId());
    }

    /** The attributes set or removed since the session was last stored. */
    Set<String> changedAttributes() {
        return Set.copyOf(changedAttributes);
    }

    /** Called once the session is stored: from now on, changes are counted from here. */
    void stored() {
        isNew = false;
        storedId = values.getId();
        changedAttributes.clear();
    }

    /** When the session expires if it is not used before; null if it never does. */
    Instant expiresAt() {
        Duration maxInactive = getMaxInactiveInterval();
        return maxInactive.isNegative() ? null : getLastAccessedTime().plus(maxInactive);
    }

    boolean isExpired(Instant now) {
        Instant expiresAt = expiresAt();
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    @Override
    public String getId() {
        return values.getId();
    }

    @Override
    public String changeSessionId() {
        return values.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String attributeName) {
        return values.getAttribute(attributeName);
    }

    @Override
    public Set<String> getAttributeNames() {
        return values.getAttributeNames();
    }

    @Override
    public void setAttribute(String attributeName, Object attributeValue) {
        values.setAttribute(attributeName, attributeValue);
        changedAttributes.add(attributeName);
    }

    @Override
    public void removeAttribute(String attributeName) {
        values.removeAttribute(attributeName);
        changedAttributes.add(attributeName);
    }

    @Override
    public Instant getCreationTime() {
        return values.getCreationTime();
    }

    @Override
    public void setLastAccessedTime(Instant lastAccessedTime) {
        values.setLastAccessedTime(lastAccessedTime);
    }

    @Override
    public Instant getLastAccessedTime() {
        return values.getLastAccessedTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
        values.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
        return values.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
        return isExpired(Instant.now());
    }
}
