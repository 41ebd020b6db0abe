package org.amanat.notice;

import java.security.Principal;
import java.util.List;
import org.amanat.ledger.ApprovalLedger;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.StatusLedger;
import org.amanat.notice.NoticeController.NoticePage;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Four-eyes approval: what waits for a second person, and their decision. The acting person is the one signed in;
 * who may call what: {@code org.amanat.security.EndpointRules}.
 */
@RestController
@RequestMapping("/api/v1")
class ApprovalController {
    private final NoticeApprovals approvals;
    private final ApprovalLedger waiting;
    private final NoticeIssuer issuer;
    private final NoticeLedger ledger;
    private final StatusLedger statuses;

    ApprovalController(
            NoticeApprovals approvals,
            ApprovalLedger waiting,
            NoticeIssuer issuer,
            NoticeLedger ledger,
            StatusLedger statuses) {
        this.approvals = approvals;
        this.waiting = waiting;
        this.issuer = issuer;
        this.ledger = ledger;
        this.statuses = statuses;
    }

    /** The notices waiting for approval, the longest waiting first. */
    @GetMapping("/approvals")
    NoticePage waiting(
            @RequestParam(required = false) String partner,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        NoticeController.checkPage(page, size);
        List<NoticeView> items = waiting.waiting(partner, page, size).stream()
                .map(NoticeView::summary)
                .toList();
        return new NoticePage(items, page, size, waiting.countWaiting(partner));
    }

    /** Approves a held notice: it is sealed and sent, its deadlines run from now. No body. */
    @PostMapping("/notices/{id}/approval")
    NoticeView approve(@PathVariable String id, Principal who) {
        approvals.approve(id, who.getName());
        return view(id);
    }

    /** Declines a held notice: {@code {reason}}; final, it is never sealed or sent. */
    @PostMapping(path = "/notices/{id}/decline", consumes = MediaType.APPLICATION_JSON_VALUE)
    NoticeView decline(@PathVariable String id, @RequestBody DeclineRequest request, Principal who) {
        approvals.decline(id, who.getName(), request);
        return view(id);
    }

    private NoticeView view(String id) {
        return NoticeView.detail(issuer.find(id), ledger.attempts(id), ledger.events(id), statuses.items(id));
    }
}
