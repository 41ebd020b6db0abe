package org.amanat.protocol;

public enum Urgency {
    URGENT,
    STANDARD
}
