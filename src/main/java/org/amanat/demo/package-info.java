/**
 * The demo profile's simulated platforms: for each partner profile, the partner kit's reference
 * receiver on the profile's endpoint, with the example keys of {@code certs-example/}.
 */
package org.amanat.demo;
