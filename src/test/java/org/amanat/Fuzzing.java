package org.amanat;

/**
 * The time budget of one fuzz target in fuzzing mode ({@code mvn -Pfuzz verify}, see the README).
 * Five targets at 20 s each keep the CI fuzzing step at about two minutes. Plain {@code mvn verify}
 * does not fuzz: it replays each target's committed corpus as regression tests.
 */
public final class Fuzzing {
    public static final String PER_TARGET = "20s";

    private Fuzzing() {}
}
