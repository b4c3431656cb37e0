package org.flipad.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative Markdown link in README.md, docs/ and models/ must name a file of the repository:
 * documentation that points outside the repository, or at a file that was moved or never committed,
 * fails the build here.
 */
class DocLinksTest {

  @TempDir Path fakeRepository;

  @Test
  void shouldResolveEveryRelativeLinkToAFileInTheRepository() {
    Path root =
        MarkdownLinks.repositoryRoot(Path.of(""))
            .orElseThrow(
                () ->
                    new AssertionError(
                        "No pom.xml with <modules> at or above "
                            + Path.of("").toAbsolutePath()
                            + "; run the test from inside the repository"));
    List<Path> files = MarkdownLinks.documentationFiles(root);
    assertThat(files)
        .as("documentation files found under " + root)
        .contains(root.resolve("README.md"));

    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      problems.addAll(MarkdownLinks.problems(root, file));
    }

    assertThat(problems)
        .withFailMessage(
            () ->
                problems.size()
                    + " Markdown link(s) in README.md, docs/ and models/ do not lead to a file of"
                    + " the repository:\n  "
                    + String.join("\n  ", problems)
                    + "\nRelative links resolve against the linking file's folder; http(s)://,"
                    + " mailto: and #anchor links are not checked. Fix or remove each link above.")
        .isEmpty();
  }

  @Test
  void shouldReportALinkThatLeavesTheRepository() throws IOException {
    Path file =
        write(
            "docs/registry.md",
            "Intro.\n\nSee [the design](../../shared/design/INTEGRATION.md) for details.\n");

    List<String> problems = MarkdownLinks.problems(fakeRepository, file);

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("docs/registry.md:3: link '../../shared/design/INTEGRATION.md'")
        .contains("outside the repository")
        .contains("relative path");
  }

  @Test
  void shouldReportALinkToAMissingFileOrImage() throws IOException {
    write("docs/present.md", "# present\n");
    Path file =
        write(
            "docs/page.md",
            "[ok](present.md#present) [gone](missing.md#x)\n![plot](img/missing.png \"a plot\")\n");

    List<String> problems = MarkdownLinks.problems(fakeRepository, file);

    assertThat(problems)
        .hasSize(2)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("docs/page.md:1: link 'missing.md#x'")
                    .contains("docs/missing.md, which does not exist"))
        .anySatisfy(p -> assertThat(p).startsWith("docs/page.md:2: link 'img/missing.png'"));
  }

  @Test
  void shouldIgnoreWebMailAnchorLinksAndCode() throws IOException {
    Path file =
        write(
            "README.md",
            String.join(
                "\n",
                "[web](https://example.org/x.md) [plain](http://example.org) [mail](mailto:a@b.c)",
                "[anchor](#layout) `[not a link](../outside.md)` ``[nor](gone.md)``",
                "```",
                "[in a fence](../../etc/passwd)",
                "```",
                "  ~~~bash",
                "  echo [x](missing.sh)",
                "  ~~~",
                ""));

    assertThat(MarkdownLinks.problems(fakeRepository, file)).isEmpty();
  }

  @Test
  void shouldFindNestedImageLinksAngleTargetsAndReferenceDefinitions() throws IOException {
    write("docs/a b.md", "# a b\n");
    Path file =
        write(
            "docs/index.md",
            String.join(
                "\n",
                "[![badge](img/badge.png)](a%20b.md) [spaced](<a b.md>)",
                "",
                "[ref]: ../../outside.md",
                ""));

    List<String> problems = MarkdownLinks.problems(fakeRepository, file);

    assertThat(MarkdownLinks.links(Files.readString(file)))
        .extracting(MarkdownLinks.Link::target)
        .containsExactly("img/badge.png", "a%20b.md", "a b.md", "../../outside.md");
    assertThat(problems.stream().map(p -> p.substring(0, p.indexOf(" link"))).toList())
        .containsExactly("docs/index.md:1:", "docs/index.md:3:");
  }

  @Test
  void shouldScanReadmeDocsAndModelsButNotBuildOutput() throws IOException {
    write("pom.xml", "<project><modules><module>a</module></modules></project>\n");
    write("README.md", "x\n");
    write("docs/a.md", "x\n");
    write("docs/target/generated.md", "x\n");
    write("models/zoo/b/README.md", "x\n");
    write("models/node_modules/c.md", "x\n");
    write("tools/other.md", "x\n");
    Files.createDirectories(fakeRepository.resolve("flipad-core/src"));

    assertThat(MarkdownLinks.repositoryRoot(fakeRepository.resolve("flipad-core/src")))
        .contains(fakeRepository.toAbsolutePath().normalize());
    assertThat(
            MarkdownLinks.documentationFiles(fakeRepository).stream()
                .map(p -> fakeRepository.relativize(p).toString())
                .collect(Collectors.toList()))
        .containsExactly("README.md", "docs/a.md", "models/zoo/b/README.md");
  }

  private Path write(String relative, String content) throws IOException {
    Path file = fakeRepository.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
