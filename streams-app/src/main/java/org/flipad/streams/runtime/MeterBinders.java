package org.flipad.streams.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closeable binders (Kafka clients, Kafka Streams, JVM GC) bound to the service's registry,
 * kept so that each can be unbound on its own and all of them at shutdown. Part of {@link
 * ServiceMetrics}.
 */
final class MeterBinders {

  // Under ServiceMetrics' name, so log settings made for the metrics keep covering this warning.
  private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

  private final MeterRegistry registry;
  private final List<AutoCloseable> binders = new CopyOnWriteArrayList<>();

  MeterBinders(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Binds {@code binder} until the returned handle or {@link #closeAll} closes it. */
  <B extends MeterBinder & AutoCloseable> AutoCloseable bind(B binder) {
    binder.bindTo(registry);
    binders.add(binder);
    return () -> {
      if (binders.remove(binder)) {
        binder.close();
      }
    };
  }

  void closeAll() {
    for (AutoCloseable binder : binders) {
      closeQuietly(binder);
    }
    binders.clear();
  }

  private static void closeQuietly(AutoCloseable binder) {
    try {
      binder.close();
    } catch (Exception e) {
      // Closing happens at shutdown; one binder failing to unbind must not stop the others.
      LOG.warn("Closing the metrics binder {} failed", binder.getClass().getSimpleName(), e);
    }
  }
}
