package io.quiver.pipelines.step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a container-less job's container paths live on this machine: every container path ({@code
 * /opt/ml/processing/input}, ...) maps to the same path below the attempt's root folder, and
 * command arguments that mention one are rewritten to the mapped path in one pass. Immutable.
 */
final class ContainerPaths {
  private static final String ML_ROOT = "/opt/ml";
  private final Path root;
  private final Pattern mentions;

  ContainerPaths(Path root, List<String> containerPaths) {
    this.root = root;
    Set<String> prefixes = new LinkedHashSet<>(containerPaths);
    prefixes.add(ML_ROOT);
    List<String> sorted = new ArrayList<>(prefixes);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder alternation = new StringBuilder();
    for (String p : sorted) {
      if (alternation.length() > 0) {
        alternation.append('|');
      }
      alternation.append(Pattern.quote(trim(p)));
    }
    this.mentions = Pattern.compile("(?<![\\w.-])(" + alternation + ")(?=$|[/\\s\"',;:=])");
  }

  /** The attempt's root folder, standing for the container's {@code /}. */
  Path root() {
    return root;
  }

  /** The local folder of container path {@code containerPath}. */
  Path local(String containerPath) {
    String relative = trim(containerPath);
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    return root.resolve(relative);
  }

  /** {@code argument} with every container path it mentions replaced by its local folder. */
  String rewrite(String argument) {
    Matcher m = mentions.matcher(argument);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(local(m.group(1)).toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Every argument rewritten. */
  List<String> rewrite(List<String> arguments) {
    List<String> out = new ArrayList<>();
    arguments.forEach(a -> out.add(rewrite(a)));
    return out;
  }

  private static String trim(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
