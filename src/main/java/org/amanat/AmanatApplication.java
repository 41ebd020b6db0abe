package org.amanat;

import java.time.Clock;
import java.util.Arrays;
import org.amanat.cli.MakeDemoKeys;
import org.amanat.cli.MakeVectors;
import org.amanat.cli.Report;
import org.amanat.protocol.Envelope;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AmanatApplication {

    public static void main(String[] args) {
        // Commands come as plain words; Spring options (--name=value), which spring-boot:run adds, are not theirs.
        String[] words =
                Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toArray(String[]::new);
        if (words.length > 0 && MakeDemoKeys.COMMAND.equals(words[0])) {
            MakeDemoKeys.main(Arrays.copyOfRange(words, 1, words.length));
            return;
        }
        if (words.length > 0 && MakeVectors.COMMAND.equals(words[0])) {
            MakeVectors.main(Arrays.copyOfRange(words, 1, words.length));
            return;
        }
        if (words.length > 0 && Report.COMMAND.equals(words[0])) {
            // Its options are its own: everything after the command word.
            int at = Arrays.asList(args).indexOf(Report.COMMAND);
            Report.main(Arrays.copyOfRange(args, at + 1, args.length));
            return;
        }
        SpringApplication.run(AmanatApplication.class, args);
    }

    /** The one clock: every timestamp and deadline comes from here, so tests can control time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one envelope (signing times, skew checks on the one clock), for sealing, receipts and status updates alike. */
    @Bean
    Envelope envelope(Clock clock) {
        return new Envelope(clock);
    }
}
