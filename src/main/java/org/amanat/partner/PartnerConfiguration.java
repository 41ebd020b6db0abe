package org.amanat.partner;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.SigningIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** Loads and validates partner profiles and the ministry's keys; start-up fails with the whole list of problems. */
@Configuration(proxyBeanMethods = false)
class PartnerConfiguration {

    @Bean
    CertificateFiles certificateFiles(Environment environment, Clock clock) {
        return new CertificateFiles(environment.acceptsProfiles(Profiles.of("demo")), clock);
    }

    @Bean
    PartnerDirectory partnerDirectory(PartnerSettings settings, CertificateFiles files) {
        var validator = new PartnerProfileValidator(files);
        List<String> problems = new ArrayList<>();
        Map<Path, Partner> partners = new LinkedHashMap<>();
        var ids = new HashSet<String>();
        for (var loaded : new PartnerProfileLoader().load(settings.configDir())) {
            Partner partner = validator.validate(loaded.file(), loaded.profile(), problems);
            if (partner != null
                    && !settings.ministryKeys().containsKey(partner.profile().algorithmProfile())) {
                problems.add(loaded.file() + ": algorithmProfile: the ministry has no "
                        + partner.profile().algorithmProfile() + " keys (amanat.ministry-keys)");
            } else if (partner != null && !ids.add(partner.id())) {
                problems.add(loaded.file() + ": id: '" + partner.id() + "' is used by another profile");
            } else if (partner != null) {
                partners.put(loaded.file(), partner);
            }
        }
        PartnerProfileValidator.checkClientCertificatesDistinct(partners, problems);
        if (partners.isEmpty() && problems.isEmpty()) {
            problems.add(settings.configDir() + ": no partner profiles found");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationProblemsException(problems);
        }
        return new PartnerDirectory(List.copyOf(partners.values()));
    }

    @Bean
    MinistryKeys ministryKeys(PartnerSettings settings, CertificateFiles files) {
        List<String> problems = new ArrayList<>();
        char[] password = settings.keyPassword().toCharArray();
        Map<AlgorithmProfile, SigningIdentity> signing = new EnumMap<>(AlgorithmProfile.class);
        Map<AlgorithmProfile, SigningIdentity> encryption = new EnumMap<>(AlgorithmProfile.class);
        settings.ministryKeys().forEach((profile, keys) -> {
            String at = "amanat.ministry-keys." + profile;
            SigningIdentity signer = files.identity(at + ".signing", keys.signing(), password, problems);
            SigningIdentity decrypter = files.identity(at + ".encryption", keys.encryption(), password, problems);
            if (signer != null && profile.misfit(signer.certificate().getPublicKey()) != null) {
                problems.add(
                        at + ".signing: " + profile.misfit(signer.certificate().getPublicKey()));
            } else if (signer != null) {
                signing.put(profile, signer);
            }
            if (decrypter != null) {
                encryption.put(profile, decrypter);
            }
        });
        SigningIdentity tls =
                files.identity("amanat.ministry-tls-client", settings.ministryTlsClient(), password, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationProblemsException(problems);
        }
        return new MinistryKeys(signing, encryption, tls);
    }
}
