/**
 * The console: the pages officers, approvers, compliance staff, administrators and auditors use in a browser, signed
 * in on the browser chain of {@code org.amanat.security.BrowserSignIn} (a session, CSRF tokens on every form). Pages
 * are rendered on the server (Thymeleaf, {@code templates/}), in Bahasa Indonesia with English for browsers that ask.
 */
package org.amanat.console;
