package org.amanat.protocol;

public enum Category {
    GAMBLING,
    PORNOGRAPHY,
    TERRORISM,
    CHILD_SAFETY,
    DISINFORMATION,
    ELECTION_INTEGRITY,
    FRAUD,
    OTHER
}
