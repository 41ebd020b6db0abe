package org.amanat.notice;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.StatusLedger;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The officers' API: issue a notice, follow it. Who may call what: {@code org.amanat.security.EndpointRules}. */
@RestController
@RequestMapping("/api/v1/notices")
class NoticeController {
    private static final int MAX_PAGE_SIZE = 200;

    private final NoticeIssuer issuer;
    private final IdempotentNotices idempotent;
    private final NoticeLedger ledger;
    private final StatusLedger statuses;

    NoticeController(NoticeIssuer issuer, IdempotentNotices idempotent, NoticeLedger ledger, StatusLedger statuses) {
        this.issuer = issuer;
        this.idempotent = idempotent;
        this.ledger = ledger;
        this.statuses = statuses;
    }

    /**
     * 201 with the new notice. With an {@code Idempotency-Key} already used by this person for this same request: 200
     * with the notice that request made, as it is now ({@link IdempotentNotices}).
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NoticeView> issue(
            @RequestBody NoticeRequest request,
            @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) List<String> keys,
            Principal who) {
        String key = IdempotencyKeyHeader.read(keys);
        if (key == null) {
            var notice = issuer.issue(request, who.getName());
            return ResponseEntity.created(location(notice.noticeId())).body(view(notice.noticeId()));
        }
        var issued = idempotent.issue(request, who.getName(), key);
        var answer = issued.replayed()
                ? ResponseEntity.ok().location(location(issued.noticeId()))
                : ResponseEntity.created(location(issued.noticeId()));
        return answer.body(view(issued.noticeId()));
    }

    private static URI location(String noticeId) {
        return URI.create("/api/v1/notices/" + noticeId);
    }

    /** 201 with the WITHDRAWAL notice sent to the partner, or 200 with the notice when it was never sent. */
    @PostMapping(path = "/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NoticeView> withdraw(
            @PathVariable String id, @RequestBody WithdrawalRequest request, Principal who) {
        var withdrawal = issuer.withdraw(id, request, who.getName());
        if (withdrawal == null) {
            return ResponseEntity.ok(view(id));
        }
        return ResponseEntity.created(URI.create("/api/v1/notices/" + withdrawal.noticeId()))
                .body(view(withdrawal.noticeId()));
    }

    /** An administrator gives up delivering an undelivered notice (audited as an ABANDONED event). */
    @PostMapping(path = "/{id}/abandonment", consumes = MediaType.APPLICATION_JSON_VALUE)
    NoticeView abandon(@PathVariable String id, @RequestBody AbandonmentRequest request, Principal who) {
        issuer.abandon(id, request, who.getName());
        return view(id);
    }

    @GetMapping("/{id}")
    NoticeView get(@PathVariable String id) {
        return view(id);
    }

    @GetMapping
    NoticePage list(
            @RequestParam(required = false) String partner,
            @RequestParam(required = false) NoticeState state,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        var items = ledger.list(partner, state, page, size).stream()
                .map(NoticeView::summary)
                .toList();
        return new NoticePage(items, page, size, ledger.count(partner, state));
    }

    /** The paging rules of every list in the officers' API. */
    static void checkPage(int page, int size) {
        if (page < 0) {
            throw invalidParameter("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw invalidParameter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw invalidParameter("page", "too far: page × size must be at most " + Integer.MAX_VALUE);
        }
    }

    private NoticeView view(String id) {
        var notice = issuer.find(id);
        return NoticeView.detail(notice, ledger.attempts(id), ledger.events(id), statuses.items(id));
    }

    private static InvalidRequestException invalidParameter(String name, String message) {
        return new InvalidRequestException(
                InvalidRequestException.Kind.MALFORMED, "invalid-parameter", List.of(new Violation(name, message)));
    }

    record NoticePage(List<NoticeView> items, int page, int size, long total) {}
}
