/**
 * Partner profiles: one YAML file per platform in {@code partner-configs/}, inheriting
 * {@code _defaults.yaml}, bound to immutable records and validated as a whole at start-up, with
 * the keys and pinned certificates they name loaded once.
 */
package org.amanat.partner;
