/**
 * Internal: credentials from the files and programs users already keep them in —
 * Docker's {@code config.json}, the containers {@code auth.json}, the legacy
 * {@code .dockercfg}, Kubernetes pull secrets and {@code docker-credential-*}
 * helpers. Not API.
 */
@NullMarked
package dev.ferry.internal.auth.config;

import org.jspecify.annotations.NullMarked;
