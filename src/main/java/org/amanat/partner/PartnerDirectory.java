package org.amanat.partner;

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

    public Partner get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown partner " + id));
    }

    public Collection<Partner> all() {
        return partners.values();
    }
}
