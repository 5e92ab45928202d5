package io.quiver.pipelines.graph;

import io.quiver.pipelines.graph.DagLayout.Edge;
import io.quiver.pipelines.graph.DagLayout.Node;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Draws a {@link DagLayout} as a PNG with Java2D (headless). Stateless. */
public final class DagPng {
  private DagPng() {}

  /** The picture as PNG bytes, drawn at twice the layout's size for sharp text. */
  public static byte[] render(DagLayout layout) {
    int scale = 2;
    BufferedImage image =
        new BufferedImage(
            layout.width() * scale, layout.height() * scale, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.scale(scale, scale);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, layout.width(), layout.height());
      for (Edge e : layout.edges()) {
        edge(g, layout.node(e.from()), layout.node(e.to()), e.label());
      }
      for (Node n : layout.nodes()) {
        node(g, n);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode the pipeline picture", e);
    }
    return out.toByteArray();
  }

  private static void edge(Graphics2D g, Node from, Node to, String label) {
    float x1 = from.x() + DagLayout.NODE_WIDTH / 2f;
    float y1 = from.y() + DagLayout.NODE_HEIGHT;
    float x2 = to.x() + DagLayout.NODE_WIDTH / 2f;
    float y2 = to.y();
    float mid = (y1 + y2) / 2;
    g.setColor(new Color(0x55, 0x55, 0x55));
    g.setStroke(
        label.isEmpty()
            ? new BasicStroke(1.5f)
            : new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f));
    g.draw(new CubicCurve2D.Float(x1, y1, x1, mid, x2, mid, x2, y2 - 6));
    Path2D arrow = new Path2D.Float();
    arrow.moveTo(x2, y2);
    arrow.lineTo(x2 - 5, y2 - 9);
    arrow.lineTo(x2 + 5, y2 - 9);
    arrow.closePath();
    g.fill(arrow);
    if (!label.isEmpty()) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setColor(new Color(0x33, 0x33, 0x33));
      g.drawString(label, (x1 + x2) / 2 + 6, mid - 4);
    }
  }

  private static void node(Graphics2D g, Node n) {
    RoundRectangle2D box =
        new RoundRectangle2D.Float(
            n.x(), n.y(), DagLayout.NODE_WIDTH, DagLayout.NODE_HEIGHT, 16, 16);
    g.setColor(Color.decode(DagLayout.fill(n.state())));
    g.fill(box);
    g.setColor(new Color(0x44, 0x44, 0x44));
    g.setStroke(new BasicStroke(1.2f));
    g.draw(box);
    centered(
        g, n.name(), new Font(Font.SANS_SERIF, Font.BOLD, 14), new Color(0x11, 0x11, 0x11), n, 24);
    centered(
        g,
        DagLayout.caption(n),
        new Font(Font.SANS_SERIF, Font.PLAIN, 11),
        new Color(0x33, 0x33, 0x33),
        n,
        44);
  }

  private static void centered(
      Graphics2D g, String text, Font font, Color color, Node n, int baseline) {
    g.setFont(font);
    g.setColor(color);
    FontMetrics m = g.getFontMetrics();
    g.drawString(text, n.x() + (DagLayout.NODE_WIDTH - m.stringWidth(text)) / 2f, n.y() + baseline);
  }
}
