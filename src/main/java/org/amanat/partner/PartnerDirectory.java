package org.amanat.partner;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every partner the gateway serves, by id. Built once at start-up; immutable. */
public final class PartnerDirectory {
    private final Map<String, Partner> partners;

    public PartnerDirectory(List<Partner> partners) {
        var byId = new LinkedHashMap<String, Partner>();
        partners.forEach(partner -> byId.put(partner.id(), partner));
        this.partners = Map.copyOf(byId);
    }

    public Optional<Partner> find(String id) {
        return Optional.ofNullable(id == null ? null : partners.get(id));
    }

    /** The partner whose TLS client certificate this is (profiles name distinct ones), if any. */
    public Optional<Partner> byClientCertificate(X509Certificate certificate) {
        return certificate == null
                ? Optional.empty()
                : partners.values().stream()
                        .filter(p -> certificate.equals(p.clientCertificate()))
                        .findFirst();
    }

    public Partner get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown partner " + id));
    }

    public Collection<Partner> all() {
        return partners.values();
    }
}
