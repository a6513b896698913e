/**
 * Internal: challenge parsing, token fetching and caching. Not API.
 */
@NullMarked
package dev.ferry.internal.auth;

import org.jspecify.annotations.NullMarked;
