package io.quiver.clarify.monitor;

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
 * Test helper: opens a page in Debian's headless Chromium, checks that every image loaded with a
 * non-zero size and nothing was logged to the console, and takes a screenshot.
 */
final class HeadlessChromium {
  private HeadlessChromium() {}

  static void assertImagesLoad(Path page, int images, Path screenshot) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    if (!Files.isExecutable(chromium)) {
      assumeTrue(!"true".equals(System.getenv("CI")), "CI must install chromium (.ci/run)");
      assumeTrue(false, "chromium is not installed");
    }
    Path absolute = page.toAbsolutePath();
    String html = Files.readString(absolute, StandardCharsets.UTF_8);
    String check =
        "<script>window.addEventListener('load',()=>{const r=[...document.images].map(i=>"
            + "(i.complete?'ok':'pending')+':'+i.naturalWidth+'x'+i.naturalHeight);"
            + "document.body.setAttribute('data-images',r.join(' '));});</script></body>";
    Path probe = absolute.resolveSibling("check-" + absolute.getFileName());
    Files.writeString(probe, html.replace("</body>", check), StandardCharsets.UTF_8);
    String[] dom = run(chromium, probe, "--dump-dom");
    Matcher found = Pattern.compile("data-images=\"([^\"]*)\"").matcher(dom[0]);
    assertThat(found.find()).as("the check ran: " + dom[1]).isTrue();
    String[] states = found.group(1).split(" ");
    assertThat(states).hasSize(images);
    for (String state : states) {
      assertThat(state).as(state).startsWith("ok:").doesNotContain(":0x").doesNotEndWith("x0");
    }
    assertThat(dom[1].lines().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();
    Files.deleteIfExists(screenshot);
    String[] shot =
        run(
            chromium,
            absolute,
            "--screenshot=" + screenshot.toAbsolutePath(),
            "--window-size=1200,1800");
    assertThat(shot[1].lines().filter(l -> l.contains(":CONSOLE")).toList()).isEmpty();
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(20_000);
  }

  private static String[] run(Path chromium, Path page, String... mode) throws Exception {
    Path dir = page.getParent();
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> command = new ArrayList<>();
    command.add(chromium.toString());
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
    return new String[] {
      Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)
    };
  }
}
