package org.amanat.protocol;

public enum NoticeType { TAKEDOWN, BLOCK, RESTORE }
