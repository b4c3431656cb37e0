package org.flipad.core.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Markdown links of the repository's documentation and checks that each relative one
 * names a file or folder inside the repository.
 *
 * <p>Links are the targets of inline links and images ({@code [text](target)}, {@code ![alt](target
 * "title")}, {@code [text](<target>)}) and of reference definitions ({@code [id]: target}), outside
 * fenced code blocks and code spans. Web ({@code http://}, {@code https://}) and {@code mailto:}
 * links and links to an anchor of the same page ({@code #anchor}) are not checked; any other scheme
 * is reported, since a reader of the repository cannot follow it. A {@code #fragment} or {@code
 * ?query} is dropped, percent escapes are decoded, and the rest resolves against the linking file's
 * folder ({@code /path} against the repository root, as GitHub does).
 */
final class MarkdownLinks {

  /** Folders scanned below the root, besides {@code README.md} at the root. */
  static final List<String> DOC_FOLDERS = List.of("docs", "models");

  private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules");
  private static final Set<String> UNCHECKED_SCHEMES = Set.of("http", "https", "mailto");
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
  private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("(?m)^ {0,3}\\[[^\\]\\n]+\\]:[ \\t]*<?([^\\s>]+)>?");

  private MarkdownLinks() {}

  /** One link target as written, with the line it is on (1-based). */
  record Link(int line, String target) {}

  /**
   * The repository root: the nearest folder at or above {@code start} whose {@code pom.xml}
   * declares {@code <modules>}.
   */
  static Optional<Path> repositoryRoot(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && read(pom).contains("<modules>")) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code README.md} at the root and every {@code *.md} under {@link #DOC_FOLDERS}, skipping
   * {@code target/} and {@code node_modules/}, sorted by path.
   */
  static List<Path> documentationFiles(Path root) {
    List<Path> files = new ArrayList<>();
    Path readme = root.resolve("README.md");
    if (Files.isRegularFile(readme)) {
      files.add(readme);
    }
    for (String folder : DOC_FOLDERS) {
      Path dir = root.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> found = new ArrayList<>();
      try {
        Files.walkFileTree(
            dir,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path sub, BasicFileAttributes attrs) {
                return SKIPPED_FOLDERS.contains(sub.getFileName().toString())
                    ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()
                    && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
                  found.add(file);
                }
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + dir, e);
      }
      found.sort(null);
      files.addAll(found);
    }
    return files;
  }

  /** Every link target of {@code markdown}, in order. */
  static List<Link> links(String markdown) {
    String text = blankCode(markdown);
    List<Link> links = new ArrayList<>();
    int from = 0;
    while (true) {
      int at = text.indexOf("](", from);
      if (at < 0) {
        break;
      }
      int start = at + 2;
      String target = inlineTarget(text, start);
      if (target != null && !target.isEmpty()) {
        links.add(new Link(lineOf(text, start), target));
      }
      from = start;
    }
    Matcher definition = REFERENCE_DEFINITION.matcher(text);
    while (definition.find()) {
      links.add(new Link(lineOf(text, definition.start(1)), definition.group(1)));
    }
    links.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return links;
  }

  /**
   * One sentence per link of {@code file} that escapes {@code root} or names nothing that exists,
   * each saying which file and line, which link, and what to do.
   */
  static List<String> problems(Path root, Path file) {
    Path realRoot = realPath(root);
    String name = root.relativize(file).toString();
    List<String> problems = new ArrayList<>();
    for (Link link : links(read(file))) {
      String where = name + ":" + link.line() + ": link '" + link.target() + "'";
      String target = link.target();
      if (target.startsWith("#")) {
        continue;
      }
      Matcher scheme = SCHEME.matcher(target);
      if (scheme.find()) {
        if (!UNCHECKED_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
          problems.add(
              where
                  + " uses the '"
                  + scheme.group(1)
                  + ":' scheme, which a reader of the repository cannot follow; link a file of"
                  + " the repository by a relative path, or a public page by https://.");
        }
        continue;
      }
      String path = decode(stripFragmentAndQuery(target));
      if (path.isEmpty()) {
        continue;
      }
      Path base = path.startsWith("/") ? root : file.getParent();
      Path resolved = base.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!resolved.startsWith(root)) {
        problems.add(
            where
                + " resolves to "
                + resolved
                + ", outside the repository; documentation must not depend on files a reader of"
                + " the repository does not have: put what the reader needs into the repository"
                + " and link it by a relative path, or link a public page by https://.");
      } else if (!Files.exists(resolved)) {
        problems.add(
            where
                + " points at "
                + root.relativize(resolved)
                + ", which does not exist; fix the path (it is relative to "
                + (path.startsWith("/") ? "the repository root" : "the folder of " + name)
                + ") or remove the link.");
      } else if (!realPath(resolved).startsWith(realRoot)) {
        problems.add(
            where
                + " reaches "
                + realPath(resolved)
                + " through a symbolic link, outside the repository; link a file that is in the"
                + " repository.");
      }
    }
    return problems;
  }

  /** The target of an inline link whose "(" ends just before {@code start}, or null. */
  private static String inlineTarget(String text, int start) {
    int i = start;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '<') {
      int close = text.indexOf('>', i + 1);
      int newline = text.indexOf('\n', i + 1);
      if (close < 0 || (newline >= 0 && newline < close)) {
        return null;
      }
      return text.substring(i + 1, close).trim();
    }
    int depth = 0;
    int begin = i;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        break;
      }
      if (c == '\\' && i + 1 < text.length()) {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          break;
        }
        depth--;
      }
    }
    return text.substring(begin, i);
  }

  /**
   * {@code markdown} with the contents of fenced code blocks and code spans replaced by spaces
   * (line breaks kept), so that code is never read as a link and line numbers stay right.
   */
  static String blankCode(String markdown) {
    char[] out = markdown.toCharArray();
    String[] lines = markdown.split("\n", -1);
    int offset = 0;
    String fence = null;
    for (String line : lines) {
      Matcher opening = FENCE.matcher(line);
      boolean fenceLine = opening.find();
      if (fence == null && fenceLine) {
        fence = opening.group(1);
        blank(out, offset, offset + line.length());
      } else if (fence != null) {
        blank(out, offset, offset + line.length());
        if (fenceLine
            && opening.group(1).charAt(0) == fence.charAt(0)
            && opening.group(1).length() >= fence.length()
            && line.trim().length() == opening.group(1).length()) {
          fence = null;
        }
      }
      offset += line.length() + 1;
    }
    blankCodeSpans(out);
    return new String(out);
  }

  /** Replaces each code span (a run of n backticks up to the next run of exactly n) by spaces. */
  private static void blankCodeSpans(char[] text) {
    int i = 0;
    while (i < text.length) {
      if (text[i] != '`') {
        i++;
        continue;
      }
      int run = runOfBackticks(text, i);
      int close = i + run;
      while (close < text.length) {
        if (text[close] == '`') {
          int closing = runOfBackticks(text, close);
          if (closing == run) {
            break;
          }
          close += closing;
        } else {
          close++;
        }
      }
      if (close >= text.length) {
        i += run; // an unmatched run is literal text
        continue;
      }
      blank(text, i, close + run);
      i = close + run;
    }
  }

  private static int runOfBackticks(char[] text, int at) {
    int n = 0;
    while (at + n < text.length && text[at + n] == '`') {
      n++;
    }
    return n;
  }

  private static void blank(char[] text, int from, int to) {
    for (int i = from; i < to && i < text.length; i++) {
      if (text[i] != '\n') {
        text[i] = ' ';
      }
    }
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String stripFragmentAndQuery(String target) {
    int cut = target.length();
    int hash = target.indexOf('#');
    int query = target.indexOf('?');
    if (hash >= 0) {
      cut = Math.min(cut, hash);
    }
    if (query >= 0) {
      cut = Math.min(cut, query);
    }
    return target.substring(0, cut);
  }

  private static String decode(String path) {
    try {
      return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return path; // not percent-encoded after all: check it as written
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve " + path, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
