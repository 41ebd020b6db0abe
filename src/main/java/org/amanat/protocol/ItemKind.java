package org.amanat.protocol;

public enum ItemKind {
    URL,
    ACCOUNT,
    DOMAIN,
    CONTENT_HASH
}
