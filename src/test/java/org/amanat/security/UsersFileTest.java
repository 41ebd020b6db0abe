package org.amanat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class UsersFileTest {
    private static final String HASH = new BCryptPasswordEncoder(4).encode("a long passphrase");

    @TempDir
    Path folder;

    @Test
    void readsNamesBcryptHashesAndRoles() throws Exception {
        var users = UsersFile.read(write("""
                users:
                  - name: officer-17
                    passwordHash: '%s'
                    roles: [OFFICER]
                  - name: head-of-unit
                    passwordHash: '%s'
                    roles: [OFFICER, APPROVER]
                """.formatted(HASH, HASH)));

        assertThat(users).extracting(UsersFile.User::name).containsExactly("officer-17", "head-of-unit");
        assertThat(users.get(1).roles()).isEqualTo(Set.of(Role.OFFICER, Role.APPROVER));
        assertThat(UsersFile.matches("a long passphrase", users.get(0).passwordHash()))
                .isTrue();
        assertThat(users.get(0).toString()).doesNotContain(HASH);
    }

    @Test
    void reportsEveryProblemAtOnceEachNamingItsEntryAndField() throws Exception {
        Path file = write("""
                users:
                  - name: officer 17
                    passwordHash: '%s'
                    roles: [OFFICER]
                  - name: plain
                    passwordHash: secret
                    roles: [OFFICER]
                  - name: nobody
                    passwordHash: '%s'
                    roles: [ROOT]
                  - name: twice
                    passwordHash: '%s'
                    roles: []
                  - name: twice
                    passwordHash: '%s'
                    roles: [AUDITOR]
                """.formatted(HASH, HASH, HASH, HASH));

        assertThatThrownBy(() -> UsersFile.read(file))
                .hasMessageContaining(file + ": users[0].name: ")
                .hasMessageContaining("users[1].passwordHash: must be a bcrypt hash")
                .hasMessageContaining("users[2].roles: unknown role 'ROOT'")
                .hasMessageContaining("users[3].roles: at least one of")
                .hasMessageContaining("users[4].name: twice is given twice")
                .hasMessageNotContaining(HASH);
    }

    @Test
    void refusesUnknownFields() throws Exception {
        Path file = write("""
                users:
                  - name: officer-17
                    password: hunter2
                    roles: [OFFICER]
                """);

        assertThatThrownBy(() -> UsersFile.read(file))
                .hasMessageContaining("users[0].password: unknown field")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesADemoUserWithItsDemoPasswordLikeTheExampleKeys() throws Exception {
        Path file = write("""
                users:
                  - name: officer
                    passwordHash: '%s'
                    roles: [OFFICER]
                """.formatted(new BCryptPasswordEncoder(4).encode(DemoUsers.password(Role.OFFICER))));

        assertThatThrownBy(() -> UsersFile.read(file))
                .hasMessageContaining("users[0]: officer has its demo password, which is for the demo profile only");
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(folder.resolve("users.yaml"), yaml);
    }
}
