"""The scripts a view's page runs after vis-network has drawn it: placing the layout at scale 1
(with the strip's caption and the edge labels) and the tooltip.

Both run right after the pyvis template's drawGraph() call, inside its <script>: the browser may
run timers between two script elements, so a handler in a later element could miss the first
frame. ``network``, ``nodes`` and ``edges`` are the globals the template assigns.
"""

from __future__ import annotations

import json

from kg.render.layout import CANVAS_HEIGHT, CANVAS_WIDTH, EDGE_PX, LABEL_PX, Layout

__all__ = ["TIP_SCRIPT", "ZOOM_LABELS", "place_script"]

#: The zoom from which an edge label with no room at first paint is drawn.
ZOOM_LABELS = 1.5


def place_script(placed: Layout) -> str:
    """The script that fits the layout to the graph's box and draws it at scale 1.

    Positions were made for a :data:`CANVAS_WIDTH` x :data:`CANVAS_HEIGHT` box; they are
    stretched to the box the page has, and the view is set to scale 1 so that a 14 px label is
    14 px on screen; the graph's box stays hidden until then, as vis-network draws a first frame
    at the scale that fits the nodes. The strip of unlinked entities gets a caption.
    ``data-stabilized`` on the body says the drawing is final (for tests and benchmarks). It
    runs right after the template's drawGraph() call, in its <script>.
    """
    box = {"width": CANVAS_WIDTH, "height": CANVAS_HEIGHT, "stripTop": placed.strip_top}
    caption = f"Linked to no other entity ({placed.unlinked:,})"
    return f"""
  (function () {{
    var box = {json.dumps(box)}, caption = {json.dumps(caption)};
    var area = document.getElementById("mynetwork");
    var sx = area.clientWidth / box.width, sy = area.clientHeight / box.height;
    nodes.update(nodes.get().map(function (n) {{ return {{id: n.id, x: n.x * sx, y: n.y * sy}}; }}));
    network.moveTo({{position: {{x: area.clientWidth / 2, y: area.clientHeight / 2}}, scale: 1}});
    area.style.visibility = "visible";
    if (box.stripTop !== null) {{
      network.on("beforeDrawing", function (ctx) {{
        var top = box.stripTop * sy;
        ctx.save();
        ctx.fillStyle = "#f5f5f2";
        ctx.fillRect(8, top, area.clientWidth - 16, area.clientHeight - top - 4);
        ctx.fillStyle = "#555555";
        ctx.font = "{LABEL_PX}px sans-serif";
        ctx.fillText(caption, 16, top + 18);
        ctx.restore();
      }});
    }}
    var labelled = edges.get({{filter: function (e) {{ return e.text !== undefined; }}}});
    network.on("afterDrawing", function (ctx) {{
      var zoomed = network.getScale() >= {ZOOM_LABELS};
      ctx.save();
      ctx.font = "{EDGE_PX}px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#ffffff";
      ctx.fillStyle = "#444444";
      labelled.forEach(function (e) {{
        var drawn = network.body.edges[e.id];
        if (!(e.first || zoomed) || !drawn || !drawn.edgeType) {{ return; }}
        var at = drawn.edgeType.getPoint(e.along), lines = e.text.split("\\n");
        lines.forEach(function (line, k) {{
          var y = at.y + (k - (lines.length - 1) / 2) * {EDGE_PX + 3};
          ctx.strokeText(line, at.x, y);
          ctx.fillText(line, at.x, y);
        }});
      }});
      ctx.restore();
    }});
    document.body.setAttribute("data-stabilized", "true");
  }})();
"""


#: The tooltip: each item's ``tip`` was built and escaped in Python, so it is set as HTML as it
#: is. Hover shows it and leaving hides it after a moment (time to reach its links); a click
#: shows it too, and a click on the empty canvas hides it.
TIP_SCRIPT = """
  (function () {
    var box = document.createElement("div");
    box.id = "ckg-tip";
    box.setAttribute("role", "tooltip");
    var area = document.getElementById("mynetwork");
    area.appendChild(box);
    var timer = null;
    function show(item, pointer) {
      if (!item || !item.tip) { return; }
      clearTimeout(timer);
      box.innerHTML = item.tip;
      box.setAttribute("data-item", String(item.id));
      box.style.display = "block";
      var x = Math.min(pointer.x + 12, area.clientWidth - box.offsetWidth - 4);
      var y = Math.min(pointer.y + 12, area.clientHeight - box.offsetHeight - 4);
      box.style.left = Math.max(x, 0) + "px";
      box.style.top = Math.max(y, 0) + "px";
    }
    function hideSoon() {
      clearTimeout(timer);
      timer = setTimeout(function () { box.style.display = "none"; }, 400);
    }
    network.on("hoverNode", function (p) { show(nodes.get(p.node), p.pointer.DOM); });
    network.on("hoverEdge", function (p) { show(edges.get(p.edge), p.pointer.DOM); });
    network.on("blurNode", hideSoon);
    network.on("blurEdge", hideSoon);
    network.on("click", function (p) {
      if (p.nodes.length) { show(nodes.get(p.nodes[0]), p.pointer.DOM); }
      else if (p.edges.length) { show(edges.get(p.edges[0]), p.pointer.DOM); }
      else { clearTimeout(timer); box.style.display = "none"; }
    });
    box.addEventListener("mouseenter", function () { clearTimeout(timer); });
    box.addEventListener("mouseleave", hideSoon);
  })();
"""
