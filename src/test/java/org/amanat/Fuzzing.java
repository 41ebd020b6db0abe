package org.amanat;

/**
 * The time budget of one fuzz target in fuzzing mode ({@code mvn -Pfuzz test}, see the README): five
 * targets at 5 s each, plus a JVM start each, keep the CI fuzzing step at about three minutes on an idle
 * machine. Plain {@code mvn verify} does not fuzz: it replays each target's committed corpus.
 */
public final class Fuzzing {
    public static final String PER_TARGET = "5s";

    private Fuzzing() {}
}
