/**
 * Credentials for Azure Container Registry: {@link dev.ferry.auth.azure.AcrCredentialProvider}.
 */
@NullMarked
package dev.ferry.auth.azure;

import org.jspecify.annotations.NullMarked;
