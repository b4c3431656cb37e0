package org.flipad.streams.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = FlipadCommand.class.getPackage().getImplementationVersion();
    return new String[] {"flipad " + (version == null ? "development build" : version)};
  }
}
