package org.flipad.streams.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every page is served whole: the shared head and header bar put in, no marker left. */
class ConsolePagesTest {

  @Test
  void shouldServeEveryPageWithTheSharedHeadAndItsHeaderBar() throws Exception {
    for (String page :
        List.of(
            "index.html",
            "gallery.html",
            "upload.html",
            "stats.html",
            "alerts.html",
            "models.html")) {
      String html = ConsoleHttp.pageHtml(page);
      assertThat(html)
          .as(page)
          .doesNotContain("<!-- console-")
          .contains(
              "<meta charset=\"utf-8\">",
              "/console/static/console.css",
              "/console/static/console.js")
          .contains("<header class=\"bar\">", "href=\"/console/gallery\"", "id=\"logout\"");
      assertThat(html.indexOf("<meta charset")).as(page).isLessThan(html.indexOf("<title>"));
    }
    String login = ConsoleHttp.pageHtml("login.html");
    assertThat(login)
        .contains("<meta charset=\"utf-8\">")
        .doesNotContain("<!-- console-", "<header");
  }
}
