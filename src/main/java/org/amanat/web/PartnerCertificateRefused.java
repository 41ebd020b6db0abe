package org.amanat.web;

/**
 * A request on the partner listener was refused (403) because its client certificate and its {@code Amanat-Partner-Id}
 * header do not name the same partner. Published so that the module owning the partner endpoint records it.
 *
 * @param partnerHeader the header as sent (unchecked, may be null)
 * @param certificatePartner the partner whose client certificate was presented, or null when it is no partner's
 * @param certificateSubject the presented certificate's subject, for the record
 */
public record PartnerCertificateRefused(
        String path, String partnerHeader, String certificatePartner, String certificateSubject) {}
