/**
 * Ferry core: image references, digests, platforms, the manifest model, the
 * registry client, credentials and the copy engine.
 *
 * <p>Only API packages are exported; {@code dev.ferry.internal.*} may change without notice.
 */
@SuppressWarnings("module") // dev.ferry.testing, named by a qualified export, is built after core
module dev.ferry.core {
  requires com.fasterxml.jackson.core;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  // nullness annotations: static, as nothing reads them at run time; transitive, so a module reading
  // this one sees @Nullable on its API when it compiles
  requires static transitive org.jspecify;

  exports dev.ferry;
  exports dev.ferry.reference;
  exports dev.ferry.manifest;
  exports dev.ferry.auth;
  exports dev.ferry.registry;
  exports dev.ferry.copy;
  exports dev.ferry.sync;
  // the layout writer behind TestImages.writeOciLayout; not API
  exports dev.ferry.internal.image to dev.ferry.testing;

  uses dev.ferry.auth.CredentialProvider;
}
