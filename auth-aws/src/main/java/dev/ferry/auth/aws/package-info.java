/**
 * Amazon ECR and ECR Public for Ferry: {@link dev.ferry.auth.aws.EcrCredentialProvider} turns the
 * AWS SDK's credentials into registry credentials, {@link dev.ferry.auth.aws.EcrRegistry} recognises
 * ECR hosts, and {@link dev.ferry.auth.aws.EcrRepositories} creates repositories before a push,
 * which ECR itself never does.
 */
@NullMarked
package dev.ferry.auth.aws;

import org.jspecify.annotations.NullMarked;
