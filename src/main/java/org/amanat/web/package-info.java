/** HTTP concerns shared by every API: the one mapping of errors to RFC 9457 problem+json, and request size limits. */
package org.amanat.web;
