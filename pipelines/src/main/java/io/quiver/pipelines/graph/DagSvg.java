package io.quiver.pipelines.graph;

import io.quiver.pipelines.graph.DagLayout.Edge;
import io.quiver.pipelines.graph.DagLayout.Node;

/** Draws a {@link DagLayout} as SVG text. Stateless. */
public final class DagSvg {
  private DagSvg() {}

  /** The picture as a standalone SVG document. */
  public static String render(DagLayout layout) {
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(layout.width())
        .append("\" height=\"")
        .append(layout.height())
        .append("\" viewBox=\"0 0 ")
        .append(layout.width())
        .append(' ')
        .append(layout.height())
        .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
        .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    for (Edge e : layout.edges()) {
      Node from = layout.node(e.from());
      Node to = layout.node(e.to());
      int x1 = from.x() + DagLayout.NODE_WIDTH / 2;
      int y1 = from.y() + DagLayout.NODE_HEIGHT;
      int x2 = to.x() + DagLayout.NODE_WIDTH / 2;
      int y2 = to.y();
      int mid = (y1 + y2) / 2;
      svg.append("<path d=\"M ")
          .append(x1)
          .append(' ')
          .append(y1)
          .append(" C ")
          .append(x1)
          .append(' ')
          .append(mid)
          .append(", ")
          .append(x2)
          .append(' ')
          .append(mid)
          .append(", ")
          .append(x2)
          .append(' ')
          .append(y2)
          .append("\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\"")
          .append(e.label().isEmpty() ? "" : " stroke-dasharray=\"5 3\"")
          .append(" marker-end=\"url(#arrow)\"/>\n");
      if (!e.label().isEmpty()) {
        svg.append("<text x=\"")
            .append((x1 + x2) / 2 + 6)
            .append("\" y=\"")
            .append(mid - 4)
            .append("\" font-size=\"12\" fill=\"#333\">")
            .append(e.label())
            .append("</text>\n");
      }
    }
    for (Node n : layout.nodes()) {
      svg.append("<g><title>").append(escape(n.name())).append("</title>");
      svg.append("<rect x=\"")
          .append(n.x())
          .append("\" y=\"")
          .append(n.y())
          .append("\" width=\"")
          .append(DagLayout.NODE_WIDTH)
          .append("\" height=\"")
          .append(DagLayout.NODE_HEIGHT)
          .append("\" rx=\"8\" fill=\"")
          .append(DagLayout.fill(n.state()))
          .append("\" stroke=\"#444\" stroke-width=\"1.2\"/>");
      int cx = n.x() + DagLayout.NODE_WIDTH / 2;
      svg.append("<text x=\"")
          .append(cx)
          .append("\" y=\"")
          .append(n.y() + 24)
          .append("\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" fill=\"#111\">")
          .append(escape(n.name()))
          .append("</text>");
      svg.append("<text x=\"")
          .append(cx)
          .append("\" y=\"")
          .append(n.y() + 44)
          .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">")
          .append(escape(DagLayout.caption(n)))
          .append("</text></g>\n");
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
