/* Draw the network the server laid out: physics off, so it appears at once.
   Titles arrive as plain text; each becomes a text node, never HTML. Labels are painted on
   the canvas as text. The legend's buttons hide and show one kind of node each. */
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
  // vis draws a label only when its font is this large on screen (the server's options).
  var threshold = ((((data.options || {}).nodes || {}).scaling || {}).label || {}).drawThreshold || 5;
  var pinned = data.nodes.filter(function (node) { return node.pinned; });
  holder.dataset.pinned = String(pinned.length);

  network.on("click", function (params) {
    if (!params.nodes.length) { return; }
    var url = nodes.get(params.nodes[0]).url;
    if (url && url.charAt(0) === "/" && url.charAt(1) !== "/") {
      window.location.assign(url);
    }
  });

  // Part captions (city names) are painted on the canvas: text, never markup, and a
  // steady size on screen whatever the zoom.
  function paintCaptions(ctx, scale) {
    ctx.save();
    ctx.font = "600 " + (15 / scale) + "px sans-serif";
    ctx.fillStyle = "#52606d";
    ctx.textAlign = "center";
    (data.captions || []).forEach(function (c) { ctx.fillText(c.text, c.x, c.y); });
    ctx.restore();
  }

  // The busiest agencies keep their names under their dots when zoomed out, where vis
  // would leave every label out; zoomed in, vis draws them itself. Busiest first, and a
  // name that would overlap one already painted is left out.
  pinned.sort(function (a, b) { return b.size - a.size; });
  function paintPinned(ctx, scale) {
    var shown = pinned.filter(function (node) {
      var now = nodes.get(node.id);
      return now && !now.hidden && node.font.size * scale < threshold;
    });
    holder.dataset.labelled = "0";
    if (!shown.length) { return; }
    var at = network.getPositions(shown.map(function (node) { return node.id; }));
    var height = 13 / scale;
    var taken = [];
    ctx.save();
    ctx.font = "600 " + height + "px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4 / scale;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
    ctx.fillStyle = "#1f2933";
    shown.forEach(function (node) {
      var x = at[node.id].x;
      var y = at[node.id].y + node.size + 3 / scale;
      var half = ctx.measureText(node.label).width / 2 + 2 / scale;
      var box = [x - half, y, x + half, y + height * 1.2];
      var clash = taken.some(function (b) {
        return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
      });
      if (clash) { return; }
      taken.push(box);
      ctx.strokeText(node.label, x, y);
      ctx.fillText(node.label, x, y);
    });
    ctx.restore();
    holder.dataset.labelled = String(taken.length);
  }

  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    paintCaptions(ctx, scale);
    paintPinned(ctx, scale);
  });
  network.on("hoverNode", function () { holder.classList.add("pointing"); });
  network.on("blurNode", function () { holder.classList.remove("pointing"); });

  // The legend filters: a pressed button shows its kind, a released one hides it (and
  // vis hides the edges of hidden nodes).
  function visibleCount() {
    return nodes.get({ filter: function (node) { return !node.hidden; } }).length;
  }
  Array.prototype.forEach.call(document.querySelectorAll(".legend-filter[data-kind]"),
    function (button) {
      button.addEventListener("click", function () {
        var hide = button.getAttribute("aria-pressed") !== "false";
        var kind = button.dataset.kind;
        button.setAttribute("aria-pressed", hide ? "false" : "true");
        nodes.update(data.nodes.filter(function (node) { return node.kind === kind; })
          .map(function (node) { return { id: node.id, hidden: hide }; }));
        holder.dataset.visible = String(visibleCount());
      });
    });
  holder.dataset.visible = String(visibleCount());

  // Zoom out a little from the fitted view so the captions above the parts show too,
  // then mark the network as drawn (the browser tests wait for this).
  network.once("afterDrawing", function () {
    network.moveTo({ scale: network.getScale() * 0.92 });
    network.once("afterDrawing", function () { holder.dataset.drawn = "true"; });
  });
  window.responsibilityNetwork = network;
}());
