package coop.cluster.project.project.domain;

/**
 * draft → forming (open for partners) → active (agreement signed) → closed; or abandoned before it
 * closes.
 */
public enum ProjectStatus {
    DRAFT,
    FORMING,
    ACTIVE,
    CLOSED,
    ABANDONED;

    public boolean isFinal() {
        return this == CLOSED || this == ABANDONED;
    }
}
