package org.amanat;

import java.time.Clock;
import org.amanat.cli.MakeDemoKeys;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AmanatApplication {

    public static void main(String[] args) {
        if (args.length > 0 && MakeDemoKeys.COMMAND.equals(args[0])) {
            MakeDemoKeys.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(AmanatApplication.class, args);
    }

    /** The one clock: every timestamp and deadline comes from here, so tests can control time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
