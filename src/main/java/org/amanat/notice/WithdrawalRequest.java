package org.amanat.notice;

/** An officer's withdrawal of a notice, with the reason that goes on record (and to the partner if it was delivered). */
record WithdrawalRequest(String officerId, String reason) {}
