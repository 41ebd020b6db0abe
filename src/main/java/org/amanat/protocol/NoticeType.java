package org.amanat.protocol;

/**
 * TAKEDOWN and BLOCK ask for action; RESTORE undoes an earlier notice after review; WITHDRAWAL
 * cancels an earlier notice before it is acted on. RESTORE and WITHDRAWAL name it in {@code relatesTo}.
 */
public enum NoticeType {
    TAKEDOWN,
    BLOCK,
    RESTORE,
    WITHDRAWAL
}
