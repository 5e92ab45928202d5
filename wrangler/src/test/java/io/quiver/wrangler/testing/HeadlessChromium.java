package io.quiver.wrangler.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture shared through this module's test jar: opens a page as a person would, in Debian's
 * headless Chromium, checks that every image loaded and is drawn with a non-zero size and that
 * nothing was logged to the console, and takes a screenshot. Skipped where Chromium is missing,
 * except on CI, which installs it ({@code .ci/setup-chromium.sh}).
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /**
   * Asserts that {@code page} shows {@code images} images, all loaded and drawn, without console
   * messages, and writes its screenshot at {@code window} size ({@code "1200,1800"}).
   */
  public static void assertImagesLoad(Path page, int images, Path screenshot, String window)
      throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      assumeTrue(!"true".equals(System.getenv("CI")), "CI must install chromium (.ci/run)");
      assumeTrue(false, "chromium is not installed");
    }
    Path absolute = page.toAbsolutePath();
    // A copy with one script that records, after load, each image's state in the DOM.
    String html = Files.readString(absolute, StandardCharsets.UTF_8);
    String check =
        "<script>window.addEventListener('load',()=>{const r=[...document.images].map(i=>"
            + "(i.complete?'ok':'pending')+':'+i.naturalWidth+'x'+i.naturalHeight+':'"
            + "+i.getBoundingClientRect().width+'x'+i.getBoundingClientRect().height);"
            + "document.body.setAttribute('data-images',r.join(' '));});</script></body>";
    Path probe = absolute.resolveSibling("check-" + absolute.getFileName());
    Files.writeString(probe, html.replace("</body>", check), StandardCharsets.UTF_8);
    Output dom = run(probe, "--dump-dom");
    Matcher found = Pattern.compile("data-images=\"([^\"]*)\"").matcher(dom.out());
    assertThat(found.find()).as("the check ran: " + dom.err()).isTrue();
    String[] states = found.group(1).split(" ");
    assertThat(states).hasSize(images);
    for (String state : states) {
      String[] parts = state.split(":");
      assertThat(parts[0]).as(state).isEqualTo("ok");
      assertThat(parts[1]).as(state).doesNotStartWith("0x").doesNotEndWith("x0");
      assertThat(parts[2]).as(state).doesNotStartWith("0x").doesNotEndWith("x0");
    }
    assertThat(dom.err().lines().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();
    Files.deleteIfExists(screenshot);
    Output shot =
        run(absolute, "--screenshot=" + screenshot.toAbsolutePath(), "--window-size=" + window);
    assertThat(shot.err().lines().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(20_000);
  }

  private record Output(String out, String err) {}

  private static Output run(Path page, String... mode) throws Exception {
    Path dir = page.getParent();
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> command = new ArrayList<>();
    command.add(CHROMIUM.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--user-data-dir=" + profile,
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=10000"));
    command.addAll(List.of(mode));
    command.add(page.toUri().toString());
    Path out = dir.resolve("chromium-out.txt");
    Path err = dir.resolve("chromium-err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean done = process.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    assertThat(done).as("chromium finished").isTrue();
    return new Output(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
