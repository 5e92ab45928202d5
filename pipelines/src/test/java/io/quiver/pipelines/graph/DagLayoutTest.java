package io.quiver.pipelines.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.pipelines.definition.DefinitionParser;
import io.quiver.pipelines.definition.DefinitionRules;
import io.quiver.pipelines.definition.PipelineDefinition;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Layout and drawings of the interpreter fixture's DAG. */
class DagLayoutTest {
  static PipelineDefinition fixture() throws Exception {
    return DefinitionParser.parse(
        Files.readString(Path.of("src/test/resources/fixture/interpreter.json")),
        new DefinitionRules(true, Map.of(), ""));
  }

  @Test
  void layersFollowTheLongestPathBranchesAreLabelledAndImpliedEdgesLeftOut() throws Exception {
    DagLayout layout = DagLayout.of(fixture(), null);

    assertThat(layout.node("Prep").y()).isLessThan(layout.node("CheckMse").y());
    assertThat(layout.node("CheckMse").y()).isLessThan(layout.node("Notify").y());
    assertThat(layout.node("Notify").y()).isEqualTo(layout.node("TooHigh").y());
    assertThat(layout.node("Notify").x()).isNotEqualTo(layout.node("TooHigh").x());
    assertThat(layout.edges())
        .contains(
            new DagLayout.Edge("Prep", "CheckMse", ""),
            new DagLayout.Edge("CheckMse", "Notify", "if"),
            new DagLayout.Edge("CheckMse", "TooHigh", "else"))
        .doesNotContain(new DagLayout.Edge("Prep", "Notify", ""));
    for (DagLayout.Node n : layout.nodes()) {
      assertThat(n.x()).isBetween(0, layout.width() - DagLayout.NODE_WIDTH);
      assertThat(n.y()).isBetween(0, layout.height() - DagLayout.NODE_HEIGHT);
    }
  }

  @Test
  void svgNamesEveryStepAndEdge() throws Exception {
    String svg = DagSvg.render(DagLayout.of(fixture(), null));

    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    for (String step : new String[] {"Prep", "CheckMse", "Notify", "TooHigh"}) {
      assertThat(svg).contains("<title>" + step + "</title>");
    }
    assertThat(svg).contains(">if</text>").contains(">else</text>");
    assertThat(svg.split("marker-end").length - 1).isEqualTo(3);
  }

  @Test
  void pngIsDrawnAtTwiceTheLayoutSize() throws Exception {
    DagLayout layout = DagLayout.of(fixture(), null);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(DagPng.render(layout)));

    assertThat(image.getWidth()).isEqualTo(2 * layout.width());
    assertThat(image.getHeight()).isEqualTo(2 * layout.height());
    DagLayout.Node prep = layout.node("Prep");
    int inside = image.getRGB(2 * (prep.x() + 8), 2 * (prep.y() + 8)) & 0xffffff;
    assertThat(inside).isEqualTo(0xeef2f7);
  }
}
