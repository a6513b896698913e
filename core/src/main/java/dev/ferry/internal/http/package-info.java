/**
 * Internal: the HTTP transport over Apache HttpClient 5 (TLS per registry, redirects, retries). Not API.
 */
@NullMarked
package dev.ferry.internal.http;

import org.jspecify.annotations.NullMarked;
