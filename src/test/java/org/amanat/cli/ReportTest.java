package org.amanat.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void refusesAPeriodThatIsNotAMonth() {
        assertThatThrownBy(() -> Report.run(new String[] {"--period", "November"}))
                .hasMessage("--period 'November' is not a month like 2026-11");
    }

    @Test
    void refusesUnknownOptionAndMissingPeriod() {
        assertThatThrownBy(() -> Report.run(new String[] {"--month", "2026-11"}))
                .hasMessageStartingWith("unknown option --month");
        assertThatThrownBy(() -> Report.run(new String[0])).hasMessageStartingWith("--period is required");
    }

    @Test
    void saysSoWhenNoGatewayAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String gateway = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> Report.run(
                        new String[] {
                            "--period",
                            "2026-11",
                            "--gateway",
                            gateway,
                            "--out",
                            System.getProperty("java.io.tmpdir"),
                            "--user",
                            "compliance"
                        },
                        Map.of("AMANAT_PASSWORD", "secret")))
                .hasMessage("no gateway answers at " + gateway + " (start it, or give --gateway)");
    }

    @Test
    void needsASignInAndTakesNoSecretOnTheCommandLine() {
        String[] args = {"--period", "2026-11", "--out", System.getProperty("java.io.tmpdir")};
        assertThatThrownBy(() -> Report.run(args, Map.of()))
                .hasMessageStartingWith("sign in: --user NAME with the password in AMANAT_PASSWORD");
        String[] withUser = {
            "--period", "2026-11", "--user", "compliance", "--out", System.getProperty("java.io.tmpdir")
        };
        assertThatThrownBy(() -> Report.run(withUser, Map.of()))
                .hasMessage("--user compliance needs the password in AMANAT_PASSWORD");
        assertThatThrownBy(() -> Report.run(new String[] {"--period", "2026-11", "--password", "x"}, Map.of()))
                .hasMessageStartingWith("unknown option --password");
    }
}
