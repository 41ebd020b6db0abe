/**
 * The wire protocol {@code amanat/1}: notice, receipt and status messages and the one CMS envelope
 * that signs, encrypts, decrypts and verifies them. Pure Java and Bouncy Castle, with no Spring and
 * no Camel, because this package is also shipped to platforms as the partner kit.
 */
package org.amanat.protocol;
