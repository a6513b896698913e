package dev.ferry.examples.maven;

import dev.ferry.registry.RegistryClient;
import org.apache.maven.plugin.logging.Log;
import org.slf4j.LoggerFactory;

/**
 * Says, at debug level ({@code mvn -X}), which class realm each part came from: Ferry and HttpClient 5
 * from this plugin's realm, the SLF4J API and its provider from Maven's core. A support aid for
 * "which jar won" questions, and what the integration test reads to prove the embedding.
 */
final class ClassLoaders {
  private ClassLoaders() {}

  static void describe(Log log) {
    if (!log.isDebugEnabled()) {
      return;
    }
    log.debug("ferry: ferry-core from " + realm(RegistryClient.class));
    log.debug("ferry: httpclient5 from "
        + realm(org.apache.hc.client5.http.impl.classic.CloseableHttpClient.class));
    log.debug("ferry: slf4j-api from " + realm(LoggerFactory.class) + ", provider "
        + LoggerFactory.getILoggerFactory().getClass().getName());
  }

  /** The class loader's own description: a Maven {@code ClassRealm} prints its id. */
  private static String realm(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    String text = String.valueOf(loader);
    int parent = text.indexOf(", parent:");
    return parent < 0 ? text : text.substring(0, parent) + "]";
  }
}
