package org.amanat.notice;

/**
 * An officer's withdrawal of their own notice, with the reason that goes on record (and to the partner if it was
 * delivered). Who withdraws is the person signed in.
 */
record WithdrawalRequest(String reason) {}
