/**
 * Credentials for Google Container Registry and Artifact Registry: {@link dev.ferry.auth.gcp.GcpCredentialProvider}.
 */
@NullMarked
package dev.ferry.auth.gcp;

import org.jspecify.annotations.NullMarked;
