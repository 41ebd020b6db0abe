/**
 * Issuing notices: the officers' API, validation of what they send, deadlines from the partner's
 * obligations, and the read side that shows a notice's state and history.
 */
package org.amanat.notice;
