package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.ProblemResponses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The decisions on a held notice racing each other. Each trial holds a notice and then, released at the same
 * instant from four threads, two approvers approve it, a third declines it and its officer withdraws it. Of the
 * ways out of PENDING_APPROVAL the database must let exactly one win; a decision that lost gets 409 and changes
 * nothing; the notice ends as the winner decided, with that one decision in its history, in the outbox only if
 * approved. A withdrawal that finds the notice already approved is not a decision on it but a withdrawal of the
 * issued notice, as at any later time: it succeeds (never sent, as delivery is off here) and leaves the approval
 * on record. Prints {@code approval-race: …}. On PostgreSQL when AMANAT_TEST_PG_URL is set.
 */
@SpringBootTest(properties = "amanat.delivery.enabled=false")
class ApprovalRaceIT {
    private static final int TRIALS = 200;
    private static final String OFFICER = "officer-17";
    private static final String WITHDRAWN_WHILE_PENDING = "withdrawn while awaiting approval";
    private static final TestGateway GATEWAY =
            new TestGateway().partner("racer", "http://127.0.0.1:9/notices", AlgorithmProfile.EC, "NONE");

    @Autowired
    NoticeIssuer issuer;

    @Autowired
    NoticeApprovals approvals;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        registry.add("amanat.approval.enabled", () -> "true");
        if (TestDatabases.postgresConfigured()) {
            TestDatabases.postgres(registry);
        } else {
            TestDatabases.h2(registry);
        }
    }

    private record Contender(String name, Function<String, Runnable> action) {}

    @Test
    void ofApproveApproveDeclineAndWithdrawAtOnceExactlyOneDecides() throws Exception {
        List<Contender> deciders = List.of(
                new Contender("approver-a", id -> () -> approvals.approve(id, "approver-a")),
                new Contender("approver-b", id -> () -> approvals.approve(id, "approver-b")),
                new Contender(
                        "approver-c",
                        id -> () -> approvals.decline(
                                id, "approver-c", new DeclineRequest("Duplicate of an earlier notice."))));
        Contender withdrawal = new Contender(
                OFFICER, id -> () -> issuer.withdraw(id, new WithdrawalRequest("Court order lifted"), OFFICER));
        List<Contender> contenders = new ArrayList<>(deciders);
        contenders.add(withdrawal);
        NoticeRequest request = Api.JSON.treeToValue(Api.validNotice("racer"), NoticeRequest.class);
        ExecutorService threads = Executors.newFixedThreadPool(contenders.size());
        List<String> winners = new ArrayList<>();
        int notExactlyOne = 0;
        int losersNot409 = 0;
        int wrongEnd = 0;
        int withdrawnAfterApproval = 0;
        try {
            for (int trial = 0; trial < TRIALS; trial++) {
                String id = issuer.issue(request, OFFICER).noticeId();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (Contender contender : contenders) {
                    Runnable action = contender.action().apply(id);
                    answers.add(threads.submit((Callable<Integer>) () -> {
                        start.await();
                        try {
                            action.run();
                            return 200;
                        } catch (InvalidRequestException refused) {
                            return ProblemResponses.status(refused.kind()).value();
                        }
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }
                losersNot409 += (int) statuses.stream()
                        .filter(status -> status != 200 && status != HttpStatus.CONFLICT.value())
                        .count();
                List<String> decided = new ArrayList<>();
                for (int i = 0; i < deciders.size(); i++) {
                    if (statuses.get(i) == 200) {
                        decided.add(deciders.get(i).name());
                    }
                }
                List<String> history = history(id);
                if (history.stream()
                        .anyMatch(event -> event.startsWith("WITHDRAWN ") && event.contains(WITHDRAWN_WHILE_PENDING))) {
                    decided.add(OFFICER);
                }
                if (decided.size() != 1) {
                    notExactlyOne++;
                    continue;
                }
                String winner = decided.get(0);
                winners.add(winner);
                boolean withdrawnLater = !winner.equals(OFFICER) && statuses.get(deciders.size()) == 200;
                if (withdrawnLater) {
                    withdrawnAfterApproval++;
                }
                if (!endsAsDecided(id, winner, withdrawnLater, history)) {
                    wrongEnd++;
                }
            }
        } finally {
            threads.shutdownNow();
        }
        Map<String, Long> byWinner =
                winners.stream().collect(Collectors.groupingBy(w -> w, TreeMap::new, Collectors.counting()));
        System.out.printf(
                "approval-race: trials=%d wins=%s withdrawn-after-approval=%d not-exactly-one-decision=%d "
                        + "losers-not-409=%d wrong-end=%d%n",
                TRIALS, byWinner, withdrawnAfterApproval, notExactlyOne, losersNot409, wrongEnd);

        assertThat(notExactlyOne).as("trials without exactly one decision").isZero();
        assertThat(losersNot409).as("losers answered other than 409").isZero();
        assertThat(wrongEnd).as("trials whose notice did not end as decided").isZero();
        assertThat(byWinner.keySet())
                .as("more than one contender wins trials: the race is real")
                .hasSizeGreaterThan(1);
    }

    /**
     * The notice is in the state its decision (and a later withdrawal) left, by the winner, with one decision in its
     * history, and in the outbox only if it was approved and not withdrawn.
     */
    private boolean endsAsDecided(String id, String winner, boolean withdrawnLater, List<String> history) {
        String state = jdbc.sql("select state from notice where id = ?")
                .param(id)
                .query(String.class)
                .single();
        String decidedBy = jdbc.sql("select decided_by from notice where id = ?")
                .param(id)
                .query((rs, row) -> rs.getString(1))
                .list()
                .get(0);
        int outbox = jdbc.sql("select count(*) from outbox where notice_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
        List<String> kinds =
                history.stream().map(event -> event.split(" ", 2)[0]).toList();
        return switch (winner) {
            case "approver-a", "approver-b" ->
                winner.equals(decidedBy)
                        && (withdrawnLater
                                ? state.equals("WITHDRAWN")
                                        && outbox == 0
                                        && kinds.equals(
                                                List.of("APPROVAL_REQUESTED", "APPROVED", "ISSUED", "WITHDRAWN"))
                                : state.equals("ISSUED")
                                        && outbox == 1
                                        && kinds.equals(List.of("APPROVAL_REQUESTED", "APPROVED", "ISSUED")));
            case "approver-c" ->
                winner.equals(decidedBy)
                        && state.equals("DECLINED")
                        && outbox == 0
                        && kinds.equals(List.of("APPROVAL_REQUESTED", "DECLINED"));
            default ->
                decidedBy == null
                        && state.equals("WITHDRAWN")
                        && outbox == 0
                        && kinds.equals(List.of("APPROVAL_REQUESTED", "WITHDRAWN"));
        };
    }

    /** Each event as its kind, a space, and its detail, in order. */
    private List<String> history(String id) {
        return jdbc.sql("select kind, detail from notice_event where notice_id = ? order by id")
                .param(id)
                .query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
                .list();
    }
}
