package dev.ferry.internal.auth.config;

import dev.ferry.auth.Credential;

/**
 * One credential of a credentials map and the key it is filed under.
 *
 * @param key the key
 * @param credential the credential (entries without one are not kept)
 * @param order the position of the entry in its document, for stable tie-breaks
 */
record AuthEntry(AuthKey key, Credential credential, int order) {}
