/**
 * Credentials for registries: the {@link dev.ferry.auth.Credential} family and the {@link dev.ferry.auth.CredentialProvider} SPI that finds them.
 */
@NullMarked
package dev.ferry.auth;

import org.jspecify.annotations.NullMarked;
