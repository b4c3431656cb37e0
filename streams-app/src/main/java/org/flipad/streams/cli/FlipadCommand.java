package org.flipad.streams.cli;

public class FlipadCommand {
  public static void main(String[] args) {}
}
