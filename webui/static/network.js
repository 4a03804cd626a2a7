/* Draw the network the server laid out: physics off, so it appears at once.
   Titles arrive as plain text; each becomes a text node, never HTML. */
(function () {
  "use strict";
  var holder = document.getElementById("network");
  var source = document.getElementById("network-data");
  if (!holder || !source || typeof vis === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);

  function tooltip(text) {
    var box = document.createElement("div");
    box.className = "network-tooltip";
    box.textContent = text;
    return box;
  }

  data.nodes.forEach(function (node) { node.title = tooltip(node.title || ""); });
  data.edges.forEach(function (edge) { if (edge.title) { edge.title = tooltip(edge.title); } });
  if (!data.nodes.length) {
    holder.textContent = "没有符合条件的单位或任务。";
    holder.dataset.drawn = "empty";
    return;
  }
  var nodes = new vis.DataSet(data.nodes);
  var network = new vis.Network(holder, { nodes: nodes, edges: new vis.DataSet(data.edges) },
                                data.options);

  network.on("click", function (params) {
    if (!params.nodes.length) { return; }
    var url = nodes.get(params.nodes[0]).url;
    if (url && url.charAt(0) === "/" && url.charAt(1) !== "/") {
      window.location.assign(url);
    }
  });
  // Part captions (city names) are painted on the canvas: text, never markup, and a
  // steady size on screen whatever the zoom.
  network.on("afterDrawing", function (ctx) {
    var size = 15 / network.getScale();
    ctx.save();
    ctx.font = "600 " + size + "px sans-serif";
    ctx.fillStyle = "#52606d";
    ctx.textAlign = "center";
    (data.captions || []).forEach(function (c) { ctx.fillText(c.text, c.x, c.y); });
    ctx.restore();
  });
  network.on("hoverNode", function () { holder.classList.add("pointing"); });
  network.on("blurNode", function () { holder.classList.remove("pointing"); });
  // Zoom out a little from the fitted view so the captions above the parts show too,
  // then mark the network as drawn (the browser tests wait for this).
  network.once("afterDrawing", function () {
    network.moveTo({ scale: network.getScale() * 0.92 });
    network.once("afterDrawing", function () { holder.dataset.drawn = "true"; });
  });
  window.responsibilityNetwork = network;
}());
