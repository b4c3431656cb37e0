package org.flipad.streams.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A readiness check for {@code GET /ready}: the reasons the service cannot take traffic yet, each a
 * short sentence an operator can act on ("Kafka Streams state is REBALANCING, not RUNNING"). Empty
 * means ready. Checks compose with {@link #allOf}. Called on an HTTP thread at every probe, so it
 * must be cheap and thread-safe.
 */
@FunctionalInterface
public interface Readiness {

  /** What is not ready yet; empty when the service is ready. */
  List<String> notReady();

  /** A check that always passes (for processes with nothing to wait for). */
  static Readiness always() {
    return List::of;
  }

  /** Ready when every check is; the reasons of all failing checks, in order. */
  static Readiness allOf(Readiness... checks) {
    List<Readiness> all = List.of(checks);
    return () -> {
      List<String> reasons = new ArrayList<>();
      all.forEach(check -> reasons.addAll(check.notReady()));
      return reasons;
    };
  }

  /** Ready when {@code streams} is RUNNING. */
  static Readiness kafkaStreamsRunning(KafkaStreams streams) {
    Objects.requireNonNull(streams, "streams");
    return kafkaStreamsRunning(streams::state);
  }

  /** Ready when the supplied Kafka Streams state is RUNNING. */
  static Readiness kafkaStreamsRunning(Supplier<KafkaStreams.State> state) {
    Objects.requireNonNull(state, "state");
    return () -> {
      KafkaStreams.State current = state.get();
      return current == KafkaStreams.State.RUNNING
          ? List.of()
          : List.of("Kafka Streams state is " + current + ", not RUNNING");
    };
  }

  /**
   * Ready when every watched model id (read at each probe, as the set changes with control
   * commands) passes {@code loaded}.
   */
  static Readiness modelsLoaded(
      Supplier<? extends Collection<String>> watched, Predicate<String> loaded) {
    Objects.requireNonNull(watched, "watched");
    Objects.requireNonNull(loaded, "loaded");
    return () ->
        watched.get().stream()
            .filter(loaded.negate())
            .map(model -> "model " + model + " is not loaded")
            .toList();
  }
}
