/**
 * Who may do what: sign-in (a users file with bcrypt hashes and HTTP Basic, JWT bearer tokens from an OpenID Connect
 * provider, the demo profile's built-in users), the roles, the one table of endpoint rules, throttled failed sign-ins,
 * the HTTP surface's headers and CSRF rule. Refusals are problem+json like every other error.
 */
package org.amanat.security;
