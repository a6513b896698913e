/**
 * The registry client: the OCI distribution API (and Docker registry v2) spoken to any registry, with token auth, retries and per-registry transport settings.
 */
@NullMarked
package dev.ferry.registry;

import org.jspecify.annotations.NullMarked;
