package org.amanat.protocol;

/** What a partner says it did with the bytes it received. DUPLICATE means it had them already. */
public enum Disposition {
    RECEIVED,
    DUPLICATE
}
