package org.amanat.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.security.DemoUsers;
import org.amanat.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's demo as it ships: the demo profile, the example keys in certs-example/, the three
 * example partner profiles and their simulated platforms on ports 9441-9443 (mutual TLS for two),
 * which acknowledge each notice and report it ACTIONED through the partner kit, over the partner listener with their
 * client certificates (the officers' port has no /partner/** at all). The notices are URGENT, so
 * each waits for a second person's approval first, as the README shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class DemoIT {
    @LocalServerPort
    int port;

    @TempDir
    static Path received;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        registry.add("amanat.demo.received-folder", () -> received.toString());
        registry.add("amanat.demo.action-delay", () -> "100ms");
        registry.add("amanat.partner-listener.port", () -> "0");
    }

    @Test
    void everyExamplePartnerAcknowledgesANoticeAndReportsItActioned() {
        // the README's demo officer and approver (application-demo.yml): the built-in users exist in the demo profile
        // only
        var api = new Api(port)
                .withAuthorization(Api.basic(DemoUsers.name(Role.OFFICER), DemoUsers.password(Role.OFFICER)));
        var approver = new Api(port)
                .withAuthorization(Api.basic(DemoUsers.name(Role.APPROVER), DemoUsers.password(Role.APPROVER)));
        List<String> ids = List.of("globaltube", "chirp", "pasarlokal").stream()
                .map(p -> api.issue(Api.validNotice(p)))
                .toList();
        for (String id : ids) {
            assertThat(api.notice(id).get("state").asText()).isEqualTo("PENDING_APPROVAL");
            assertThat(approver.post("/api/v1/notices/" + id + "/approval", "application/json", "")
                            .statusCode())
                    .isEqualTo(200);
        }

        for (String id : ids) {
            var notice = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> api.notice(id),
                            n -> "ACTIONED".equals(n.get("state").asText()));
            assertThat(notice.at("/receipt/disposition").asText()).isEqualTo("RECEIVED");
            assertThat(notice.get("history").findValuesAsText("kind"))
                    .containsExactly("APPROVAL_REQUESTED", "APPROVED", "ISSUED", "DELIVERED", "STATUS_ACTIONED");
            assertThat(received.resolve(notice.get("partnerId").asText()).resolve(id + ".der"))
                    .exists();
        }
        assertThat(api.post("/partner/v1/status", "application/pkcs7-mime", "").statusCode())
                .as("the officers' listener serves no partner path")
                .isEqualTo(404);
    }
}
