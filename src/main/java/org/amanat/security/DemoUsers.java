package org.amanat.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The demo profile's built-in users, one per role, each named after its role, with the password
 * {@code <name>-demo} (README, "Sign-in and roles"). They exist only in the demo profile; a users file that gives
 * one of them its demo password is refused ({@link UsersFile}), like the example keys outside the demo.
 */
public final class DemoUsers {
    private DemoUsers() {}

    public static String password(Role role) {
        return name(role) + "-demo";
    }

    public static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** Hashed at start-up: the passwords are in the README, the hashes need not be in the code. */
    static List<UsersFile.User> users() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        return Arrays.stream(Role.values())
                .map(role -> new UsersFile.User(name(role), bcrypt.encode(password(role)), Set.of(role)))
                .toList();
    }

    static boolean isDemoPassword(String name, String hash) {
        return Arrays.stream(Role.values())
                .anyMatch(role -> name(role).equals(name) && UsersFile.matches(password(role), hash));
    }
}
