/** Command-line entry points that run without starting the gateway. */
package org.amanat.cli;
