/**
 * Image references and content digests: parsing and normalisation exactly as Docker, containerd and Kubernetes do it. No I/O.
 */
@NullMarked
package dev.ferry.reference;

import org.jspecify.annotations.NullMarked;
