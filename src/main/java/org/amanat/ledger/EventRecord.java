package org.amanat.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One step in a notice's history; {@code actor} is the person signed in who took it, absent for the gateway's and partners' steps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventRecord(Instant at, NoticeEventKind kind, String detail, String actor) {}
