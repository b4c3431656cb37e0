package org.flipad.core.bundle;

import java.time.InstantSource;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where and with what an artifact was made: software versions and the machine, as Tribuo records
 * with every model.
 *
 * @param createdAt when the artifact was written, ISO-8601 UTC
 * @param versions flipad, DJL, PyTorch, Java and OS versions
 * @param machine processor count, architecture and, where the OS says, the CPU model
 */
public record Provenance(
    String createdAt, Map<String, String> versions, Map<String, String> machine) {

  /** Copies the maps, sorted by key (stable JSON). */
  public Provenance {
    versions = Collections.unmodifiableMap(new TreeMap<>(versions));
    machine = Collections.unmodifiableMap(new TreeMap<>(machine));
  }

  /** This process's versions and machine, stamped with {@code clock}'s now. */
  public static Provenance current(InstantSource clock) {
    Map<String, String> versions = new TreeMap<>();
    versions.put("flipad", packageVersion(Provenance.class.getPackage()));
    versions.put("djl", ai.djl.engine.Engine.getDjlVersion());
    versions.put("pytorch", SoftwareVersions.pytorch());
    versions.put("java", System.getProperty("java.vm.vendor") + " " + Runtime.version());
    versions.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    Map<String, String> machine = new TreeMap<>();
    machine.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    machine.put("cpu", SoftwareVersions.cpuModel());
    return new Provenance(clock.instant().toString(), versions, machine);
  }

  private static String packageVersion(Package pkg) {
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return version == null ? "development build" : version;
  }
}
