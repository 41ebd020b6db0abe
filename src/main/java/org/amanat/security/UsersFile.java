package org.amanat.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.amanat.protocol.JsonFault;
import org.amanat.protocol.Texts;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users file of a site without an OpenID Connect provider: names, bcrypt hashes and roles, in YAML.
 * <pre>
 * users:
 *   - name: officer-17
 *     passwordHash: $2y$12$…        # bcrypt only: htpasswd -nbBC 12 "" 'the password' | tr -d ':\n'
 *     roles: [OFFICER]
 * </pre>
 * Read once at start-up; every problem is reported at once, each naming its entry and field. A demo user with its
 * demo password is refused here, as the example keys are outside the demo profile.
 */
public final class UsersFile {
    /** A name is written into the notices' history and the signed notice's {@code issuer.officerId}. */
    public static final int MAX_NAME = 100;

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** One person who signs in with a password. */
    public record User(String name, String passwordHash, Set<Role> roles) {
        @Override
        public String toString() {
            return "User[" + name + ", " + roles + "]"; // never the hash
        }
    }

    private record FileContent(List<Entry> users) {}

    private record Entry(String name, String passwordHash, List<String> roles) {}

    private UsersFile() {}

    public static List<User> read(Path file) {
        FileContent content;
        try {
            content = YAML.readValue(Files.readAllBytes(file), FileContent.class);
        } catch (JsonMappingException e) {
            throw problems(
                    file,
                    List.of(JsonFault.path(e, "(file)") + ": "
                            + (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                                    ? "unknown field"
                                    : "cannot be read")));
        } catch (JsonProcessingException e) {
            throw problems(file, List.of("not YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw problems(file, List.of("cannot be read: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        List<User> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Entry> entries = content == null || content.users() == null ? List.of() : content.users();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String at = "users[" + i + "]";
            if (entry == null) {
                problems.add(at + ": is empty");
                continue;
            }
            int before = problems.size();
            String nameProblem = Texts.identifierProblem(entry.name(), MAX_NAME);
            if (nameProblem != null) {
                problems.add(at + ".name: " + nameProblem);
            } else if (!names.add(entry.name())) {
                problems.add(at + ".name: " + entry.name() + " is given twice");
            }
            if (entry.passwordHash() == null
                    || !BCRYPT.matcher(entry.passwordHash()).matches()) {
                problems.add(at + ".passwordHash: must be a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31)");
            }
            Set<Role> roles = roles(entry.roles(), at, problems);
            if (problems.size() == before) {
                if (DemoUsers.isDemoPassword(entry.name(), entry.passwordHash())) {
                    problems.add(
                            at + ": " + entry.name() + " has its demo password, which is for the demo profile only");
                    continue;
                }
                users.add(new User(entry.name(), entry.passwordHash(), roles));
            }
        }
        if (!problems.isEmpty()) {
            throw problems(file, problems);
        }
        return List.copyOf(users);
    }

    private static Set<Role> roles(List<String> given, String at, List<String> problems) {
        Set<Role> roles = new HashSet<>();
        if (given == null || given.isEmpty()) {
            problems.add(at + ".roles: at least one of " + List.of(Role.values()) + " is required");
            return roles;
        }
        for (String role : given) {
            try {
                roles.add(Role.valueOf(String.valueOf(role)));
            } catch (IllegalArgumentException e) {
                problems.add(at + ".roles: unknown role '" + role + "'; the roles are " + List.of(Role.values()));
            }
        }
        return roles;
    }

    /** Whether {@code password} is the one {@code hash} was made from. */
    static boolean matches(String password, String hash) {
        return new BCryptPasswordEncoder().matches(password, hash);
    }

    private static IllegalStateException problems(Path file, List<String> problems) {
        return new IllegalStateException(
                "invalid users file:\n  " + file + ": " + String.join("\n  " + file + ": ", problems));
    }
}
