/* The evidence graph viewer.
 *
 * Reads the page's data (#graph-data, JSON), draws it with vis-network with physics off
 * (positions are computed in Python, so thousands of nodes draw at once), and lets a
 * scrutineer search, filter, focus one finding (graph.html#finding=ID) and read the
 * evidence behind it.
 *
 * Safety: user text reaches the page only as text nodes (el() below uses textContent
 * and text nodes, never innerHTML), and vis-network tooltips are DOM elements, never
 * HTML strings.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var meta = data.meta;
  var info = data.info;

  /* ---------- DOM helpers: text only ---------- */

  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function byId(id) { return document.getElementById(id); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function cap(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : ""; }

  function trim(text, limit) {
    text = String(text || "");
    return text.length > limit ? text.slice(0, limit - 1) + "…" : text;
  }

  /* ---------- the graph's structure, from its edges ---------- */

  var links = {};
  function link(name, key, value) {
    var map = links[name] || (links[name] = new Map());
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  }
  function linked(name, key) { return (links[name] && links[name].get(key)) || []; }

  data.edges.forEach(function (edge) {
    switch (edge.kind) {
      case "supports":
      case "contradicts":
        link("evidence", edge.to, edge.from);
        link("findingsOfEvidence", edge.from, edge.to);
        break;
      case "about-theme":
        link("theme", edge.from, edge.to);
        link("findingsOfTheme", edge.to, edge.from);
        break;
      case "signal-of":
        link("indicators", edge.from, edge.to);
        link("signals", edge.to, edge.from);
        break;
      case "from-agency":
        link("agencies", edge.from, edge.to);
        link("ofAgency", edge.to, edge.from);
        break;
      case "raised-by":
        link("rule", edge.from, edge.to);
        link("findingsOfRule", edge.to, edge.from);
        break;
      case "broader":
        link("broader", edge.from, edge.to);
        break;
    }
  });

  var ids = data.nodes.map(function (n) { return n.id; });
  var findingIds = ids.filter(function (id) { return info[id].kind === "finding"; });
  var themeIds = ids.filter(function (id) { return info[id].kind === "theme"; });

  /* ---------- filters and focus ---------- */

  var all = {
    kinds: data.filters.kinds.map(function (k) { return k[0]; }),
    statuses: data.filters.statuses.slice(),
    sources: data.filters.sources.map(function (s) { return s[0]; })
  };
  var state = {
    theme: "",
    agency: "",
    kinds: new Set(all.kinds),
    statuses: new Set(all.statuses),
    sources: new Set(all.sources),
    focus: null,
    context: false,  // links to agencies and rules: thousands at scale, so off at first
    selected: null,
    summary: Boolean(meta.summaryFirst)  // evidence hidden until a theme or finding is chosen
  };
  var DETAIL = { evidence: true, indicator: true };
  var HUB = { agency: true, rule: true };
  var CONTEXT = { "from-agency": true, "raised-by": true };

  function filtering() {
    return state.theme || state.agency ||
      state.kinds.size < all.kinds.length ||
      state.statuses.size < all.statuses.length ||
      state.sources.size < all.sources.length;
  }

  function findingPasses(id) {
    var f = info[id];
    if (!state.kinds.has(f.findingKind)) return false;
    if (f.status && all.statuses.length && !state.statuses.has(f.status)) return false;
    if (state.theme && f.themes.indexOf(state.theme) < 0) return false;
    if (state.agency) {
      var agencies = linked("agencies", id).slice();
      linked("evidence", id).forEach(function (e) { agencies.push.apply(agencies, linked("agencies", e)); });
      if (agencies.indexOf(state.agency) < 0) return false;
    }
    return true;
  }

  function addThemeChain(visible, theme) {
    var frontier = [theme];
    while (frontier.length) {
      var t = frontier.pop();
      if (visible.has(t)) continue;
      visible.add(t);
      frontier.push.apply(frontier, linked("broader", t));
    }
  }

  function computeVisible() {
    var visible = new Set();
    if (state.focus) {  // a focused finding: only it and its evidence
      visible.add(state.focus);
      linked("evidence", state.focus).forEach(function (e) { visible.add(e); });
      return visible;
    }
    if (!filtering()) {
      if (!state.summary) return new Set(ids);
      return new Set(ids.filter(function (id) { return !DETAIL[info[id].kind]; }));
    }
    findingIds.filter(findingPasses).forEach(function (f) {
      visible.add(f);
      linked("theme", f).forEach(function (t) { addThemeChain(visible, t); });
      linked("rule", f).forEach(function (r) { visible.add(r); });
      linked("agencies", f).forEach(function (a) { visible.add(a); });
      linked("evidence", f).forEach(function (e) {
        if (state.summary && !state.theme) return;
        if (!state.sources.has(info[e].sourceType)) return;
        visible.add(e);
        linked("indicators", e).forEach(function (i) { visible.add(i); });
        linked("agencies", e).forEach(function (a) { visible.add(a); });
      });
    });
    if (state.theme) addThemeChain(visible, "theme:" + state.theme);
    else themeIds.forEach(function (t) { visible.add(t); });
    if (state.agency) {
      Array.from(visible).forEach(function (id) {
        if (info[id].kind === "agency" && id !== state.agency) visible.delete(id);
      });
    }
    return visible;
  }

  /* ---------- tooltips: DOM elements built from text ---------- */

  function tooltip(id) {
    var i = info[id];
    var kind = i.kind === "finding" ? i.kindLabel : i.kind === "evidence" ? i.sourceLabel : cap(i.kind);
    var tip = el("div", null, el("div", { class: "tip-kind", text: kind }), el("div", { class: "tip-title", text: i.label }));
    if (i.kind === "finding") {
      tip.append(el("div", { text: [cap(i.severity), i.themeLabel].filter(Boolean).join(" · ") }));
    } else if (i.kind === "evidence" && i.text) {
      tip.append(el("div", { text: trim(i.text, 220) }));
    } else if (i.kind === "theme" && i.missing.length) {
      tip.append(el("div", { text: "Missing: " + i.missing.join(", ") }));
    }
    return tip;
  }

  /* ---------- the network ---------- */

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { title: tooltip(n.id) });
  }));
  // Each edge takes the style of its kind (sent once, in data.styles).
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e, data.styles.edges[e.kind]);
  }));
  var visible = computeVisible();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible.has(n.id); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      if (!visible.has(e.from) || !visible.has(e.to)) return false;
      return state.context || !CONTEXT[e.kind] || e.from === state.selected || e.to === state.selected;
    }
  });
  var network = new vis.Network(byId("network"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false },
    groups: data.styles.groups,
    interaction: {
      hover: true,
      tooltipDelay: 150,
      hideEdgesOnDrag: meta.large,
      hideEdgesOnZoom: meta.large,
      keyboard: false
    },
    nodes: {
      font: { face: meta.font, size: 13, color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 1.5,
      borderWidthSelected: 3,
      // A label smaller than 5 px on screen is not drawn: labels appear as one zooms in.
      scaling: { label: { enabled: true, drawThreshold: 5 } }
    },
    edges: {
      smooth: false,
      arrows: { to: { scaleFactor: 0.45 } },
      selectionWidth: 1.5,
      hoverWidth: 0.5
    }
  });
  var themeFont = 0;

  function scaleThemeLabels() {
    // Theme labels keep about 14 px on screen at any zoom, like place names on a map,
    // so the overview of an England-sized graph is named and a close-up is not shouted.
    // (vis-network 9.1 computes scaling.label.maxVisible but never applies it.)
    var size = Math.min(600, Math.max(14, 14 / network.getScale()));
    if (Math.abs(size - themeFont) < themeFont * 0.08) return;
    themeFont = size;
    nodes.update(themeIds.map(function (id) {
      return { id: id, font: { size: size, color: "#102A43" } };
    }));
  }

  network.on("zoom", scaleThemeLabels);
  network.once("afterDrawing", function () { if (visible.size > 1000) fitView(); else scaleThemeLabels(); });
  network.once("afterDrawing", function () {
    window.graphReadyAt = performance.now();
    document.body.dataset.ready = "true";
  });

  function refresh(fit) {
    visible = computeVisible();
    nodeView.refresh();
    edgeView.refresh();
    updateStatus();
    if (fit) fitView();
  }

  function fitView() {
    // In a large graph the rows of agencies and rules span the whole layout: frame the
    // findings and themes, and leave those rows just off-screen.
    var framed = Array.from(visible);
    if (framed.length > 1000) {
      framed = framed.filter(function (id) { return !HUB[info[id].kind]; });
    }
    network.fit({ nodes: framed, animation: false });
    scaleThemeLabels();
  }

  function updateBanners() {
    byId("summary-banner").hidden = !state.summary || Boolean(state.focus) || Boolean(state.theme);
  }

  function updateStatus() {
    updateBanners();
    var status = byId("status");
    var shownEdges = edgeView.length;
    status.textContent = "Showing " + visible.size.toLocaleString("en-GB") + " of " +
      meta.nodes.toLocaleString("en-GB") + " nodes · " + shownEdges.toLocaleString("en-GB") +
      " of " + meta.edges.toLocaleString("en-GB") + " links";
    status.dataset.visibleNodes = String(visible.size);
    status.dataset.visibleEdges = String(shownEdges);
  }

  /* ---------- details panel ---------- */

  var details = byId("details");

  function nodeButton(id, text) {
    return el("button", { type: "button", onclick: function () { select(id, true); } }, text);
  }

  function facts(rows) {
    var list = el("dl", { class: "facts" });
    rows.forEach(function (row) {
      if (!row[1]) return;
      list.append(el("dt", { text: row[0] }), el("dd", { text: row[1] }));
    });
    return list;
  }

  function findingList(title, items) {
    if (!items.length) return null;
    var list = el("ul", { class: "evidence" });
    items.forEach(function (item) {
      var f = info[item.id];
      list.append(el("li", { class: item.role || "" },
        el("div", { class: "label" }, nodeButton(item.id, f.label)),
        el("div", { class: "source", text: [f.kindLabel, cap(f.severity), item.role].filter(Boolean).join(" · ") })));
    });
    return el("div", null, el("h2", { text: title + " (" + items.length + ")" }), list);
  }

  function evidenceItems(items) {
    var list = el("ul", { class: "evidence" });
    items.forEach(function (item) {
      var e = info[item[0]];
      list.append(el("li", { class: item[1] },
        el("div", { class: "label" }, nodeButton(item[0], e.label)),
        e.text ? el("p", { class: "text", text: e.text }) : null,
        el("div", { class: "source", text: [e.sourceLabel, e.source, e.date].filter(Boolean).join(" · ") })));
    });
    return list;
  }

  function showFinding(id) {
    var f = info[id];
    var supporting = f.evidence.filter(function (e) { return e[1] !== "contradicting"; });
    var contradicting = f.evidence.filter(function (e) { return e[1] === "contradicting"; });
    details.append(
      el("span", { class: "kind " + f.findingKind, text: f.kindLabel }),
      el("h3", { text: f.label }),
      f.narrative ? el("p", { class: "narrative", text: f.narrative }) : null,
      facts([
        ["Theme", f.themeLabel],
        ["Severity", cap(f.severity)],
        ["Confidence", cap(f.confidence) + (f.confidenceReason ? " — " + f.confidenceReason : "")],
        ["Status", cap(f.status)],
        ["Agencies", f.agencies.join(", ")],
        ["PAG question", f.pag ? String(f.pag) : ""],
        ["Period", f.period],
        ["Rule", f.rule],
        ["Finding", f.id]
      ]),
      el("button", {
        type: "button", class: "button", onclick: function () {
          location.hash = "finding=" + encodeURIComponent(f.id);
        }
      }, state.focus === id ? "Focused" : "Focus on this finding"),
      el("h2", { text: "Supporting evidence (" + supporting.length + ")", style: "margin-top:1.2rem" }),
      supporting.length ? evidenceItems(supporting) : el("p", { class: "empty", text: "None." }),
      el("h2", { text: "Contradicting evidence (" + contradicting.length + ")" }),
      contradicting.length ? evidenceItems(contradicting) : el("p", { class: "empty", text: "None." })
    );
  }

  function findingsOf(nodeId, name) {
    return linked(name, nodeId).map(function (f) { return { id: f }; });
  }

  function showEvidence(id) {
    var e = info[id];
    var bears = linked("findingsOfEvidence", id).map(function (f) {
      var item = info[f].evidence.filter(function (x) { return x[0] === id; })[0];
      return { id: f, role: item ? item[1] : "" };
    });
    details.append(
      el("span", { class: "kind other", text: e.sourceLabel }),
      el("h3", { text: e.label }),
      e.text ? el("p", { class: "narrative", text: e.text }) : null,
      facts([["Source", e.source], ["Date", e.date], ["Evidence", e.id]]),
      findingList("Findings it bears on", bears)
    );
  }

  function sparkline(i) {
    var values = i.points.filter(function (p) { return typeof p[1] === "number"; });
    if (values.length < 2) return null;
    var nums = values.map(function (p) { return p[1]; });
    [i.mean, i.lower, i.upper, i.target].forEach(function (v) { if (typeof v === "number") nums.push(v); });
    var lo = Math.min.apply(null, nums), hi = Math.max.apply(null, nums), span = (hi - lo) || 1;
    var w = 320, h = 70, n = i.points.length;
    function x(k) { return 6 + (w - 12) * k / Math.max(n - 1, 1); }
    function y(v) { return h - 6 - (h - 12) * (v - lo) / span; }
    var chart = svg("svg", { width: w, height: h, class: "spark", role: "img", "aria-label": "Recent values" });
    function hline(v, colour, dash) {
      if (typeof v !== "number") return;
      chart.append(svg("line", { x1: 6, x2: w - 6, y1: y(v), y2: y(v), stroke: colour, "stroke-dasharray": dash, "stroke-width": 1 }));
    }
    hline(i.mean, "#52606d", "");
    hline(i.lower, "#9aa5b1", "4 3");
    hline(i.upper, "#9aa5b1", "4 3");
    hline(i.target, "#de1b1b", "6 3");
    var path = [];
    i.points.forEach(function (p, k) { if (typeof p[1] === "number") path.push(x(k) + "," + y(p[1])); });
    chart.append(svg("polyline", { points: path.join(" "), fill: "none", stroke: "#0f6e7a", "stroke-width": 1.8 }));
    return chart;
  }

  function showIndicator(id) {
    var i = info[id];
    var last = (i.points || []).filter(function (p) { return p[1] !== null; }).slice(-1)[0];
    details.append(
      el("span", { class: "kind other", text: "Indicator" }),
      el("h3", { text: i.label }),
      i.points ? sparkline(i) : null,
      facts([
        ["Latest", last ? last[1].toLocaleString("en-GB") + " (" + last[0] + ")" : ""],
        ["Variation", i.variation],
        ["Assurance", i.assurance],
        ["Target", typeof i.target === "number" ? i.target.toLocaleString("en-GB") : ""],
        ["Indicator", i.id]
      ]),
      findingList("Findings resting on its signals", findingsOfSignals(id))
    );
  }

  function findingsOfSignals(id) {
    var seen = new Set();
    linked("signals", id).forEach(function (e) {
      linked("findingsOfEvidence", e).forEach(function (f) { seen.add(f); });
    });
    return Array.from(seen).sort().map(function (f) { return { id: f }; });
  }

  function showTheme(id) {
    var t = info[id];
    details.append(
      el("span", { class: "kind other", text: t.priority ? "Priority theme" : "Theme" }),
      el("h3", { text: t.label }),
      facts([["Broader themes", t.broader.join(" › ")]]),
      t.missing.length
        ? el("p", { class: "gap-list", text: "⚠ No evidence from: " + t.missing.join(", ") + "." })
        : null,
      findingList("Findings", findingsOf(id, "findingsOfTheme"))
    );
  }

  function showHub(id) {
    var h = info[id];
    var related = h.kind === "rule" ? findingsOf(id, "findingsOfRule")
      : linked("ofAgency", id).filter(function (x) { return info[x].kind === "finding"; }).map(function (f) { return { id: f }; });
    details.append(
      el("span", { class: "kind other", text: cap(h.kind) }),
      el("h3", { text: h.label }),
      facts([["Name", h.name], ["Version", h.version], ["File", h.file]]),
      findingList("Findings", related)
    );
  }

  function showHelp() {
    clear(details);
    details.append(el("div", { class: "empty" },
      el("h2", { text: "How to read this graph" }),
      el("ul", null,
        el("li", { text: "Click a finding (a diamond, star or triangle) to see why it was raised and the evidence for and against it." }),
        el("li", { text: "Green arrows support a finding; dashed red arrows contradict it." }),
        el("li", { text: "Themes marked ⚠ lack a kind of evidence: see Evidence gaps." }),
        el("li", { text: "Search, or filter by theme, kind, agency and source, on the left." }),
        el("li", { text: "Focus a finding to see only it and its evidence; the address can be shared." }))));
  }

  function showDetails(id) {
    clear(details);
    var kind = info[id].kind;
    if (kind === "finding") showFinding(id);
    else if (kind === "evidence") showEvidence(id);
    else if (kind === "indicator") showIndicator(id);
    else if (kind === "theme") showTheme(id);
    else showHub(id);
    details.scrollTop = 0;
  }

  function themeOf(id) {
    // The theme to open for hidden evidence or an indicator: that of its first finding.
    var evidence = info[id].kind === "indicator" ? linked("signals", id)[0] : id;
    var finding = linked("findingsOfEvidence", evidence)[0];
    return finding ? info[finding].theme : "";
  }

  function select(id, move) {
    if (!visible.has(id)) {  // hidden: open its theme in a summary, else show everything
      if (state.focus) { location.hash = ""; state.focus = null; }
      var theme = state.summary && DETAIL[info[id].kind] ? themeOf(id) : "";
      if (theme) {
        state.theme = theme;
        byId("filter-theme").value = theme;
        refresh(true);
      }
      if (!visible.has(id)) resetFilters();
    }
    setSelected(id);
    if (move) {
      network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
      scaleThemeLabels();
    }
    showDetails(id);
  }

  function setSelected(id) {
    // The selected node's links to agencies and rules are drawn even when hidden.
    state.selected = id;
    edgeView.refresh();
    updateStatus();
    if (id) network.selectNodes([id]); else network.unselectAll();
  }

  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0], false);
    else if (!params.edges.length) { setSelected(null); showHelp(); }
  });

  /* ---------- search ---------- */

  var searchable = ids.map(function (id) {
    var i = info[id];
    return [id, String(i.label).toLowerCase(), [i.id, i.text, i.narrative].join(" ").toLowerCase()];
  });

  function search(query) {
    query = query.trim().toLowerCase();
    if (!query) return [];
    var inLabel = [], elsewhere = [];
    searchable.forEach(function (entry) {
      if (entry[1].indexOf(query) >= 0) inLabel.push(entry[0]);
      else if (entry[2].indexOf(query) >= 0) elsewhere.push(entry[0]);
    });
    return inLabel.concat(elsewhere).slice(0, 30);
  }

  function kindName(id) {
    var i = info[id];
    return i.kind === "finding" ? i.kindLabel : i.kind === "evidence" ? "Evidence" : cap(i.kind);
  }

  var searchBox = byId("search");
  var results = byId("search-results");
  searchBox.addEventListener("input", function () {
    clear(results);
    search(searchBox.value).forEach(function (id) {
      results.append(el("li", null, el("button", { type: "button", "data-node": id, onclick: function () { select(id, true); } },
        el("span", { class: "what", text: kindName(id) }), el("span", { text: trim(info[id].label, 80) }))));
    });
  });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var first = search(searchBox.value)[0];
    if (first) select(first, true);
  });

  /* ---------- filter controls ---------- */

  function checkbox(container, value, label, colour, set) {
    var input = el("input", { type: "checkbox", value: value });
    input.checked = true;
    input.addEventListener("change", function () {
      if (input.checked) set.add(value); else set.delete(value);
      refresh(true);
    });
    container.append(el("label", null, input, colour ? el("span", { class: "swatch", style: "background:" + colour }) : null, label));
  }

  function resetFilters() {
    state.summary = false;
    state.theme = "";
    state.agency = "";
    state.kinds = new Set(all.kinds);
    state.statuses = new Set(all.statuses);
    state.sources = new Set(all.sources);
    byId("filter-theme").value = "";
    byId("filter-agency").value = "";
    document.querySelectorAll(".checks input").forEach(function (input) { input.checked = true; });
    buildChecks();
    refresh(true);
  }

  function buildChecks() {
    var kinds = byId("filter-kinds"), statuses = byId("filter-status"), sources = byId("filter-sources");
    [kinds, statuses, sources].forEach(function (box) {
      Array.from(box.querySelectorAll("label")).forEach(function (l) { l.remove(); });
    });
    data.filters.kinds.forEach(function (k) { checkbox(kinds, k[0], k[1], k[2], state.kinds); });
    data.filters.statuses.forEach(function (s) { checkbox(statuses, s, cap(s), null, state.statuses); });
    statuses.hidden = !data.filters.statuses.length;
    data.filters.sources.forEach(function (s) { checkbox(sources, s[0], s[1], s[2], state.sources); });
  }

  function buildFilters() {
    var themes = byId("filter-theme");
    data.filters.themes.forEach(function (t) {
      themes.append(el("option", { value: t[0] }, "\u2003".repeat(t[2]) + t[1]));
    });
    themes.addEventListener("change", function () { state.theme = themes.value; refresh(true); });
    var agencies = byId("filter-agency");
    data.filters.agencies.forEach(function (a) { agencies.append(el("option", { value: a[0] }, a[1])); });
    agencies.addEventListener("change", function () { state.agency = agencies.value; refresh(true); });
    byId("agency-block").hidden = !data.filters.agencies.length;
    buildChecks();
    byId("reset").addEventListener("click", resetFilters);
    var context = byId("show-context");
    context.addEventListener("change", function () { state.context = context.checked; refresh(false); });
  }

  function buildGaps() {
    var gaps = byId("gaps");
    var withGaps = themeIds.filter(function (id) { return info[id].missing.length; });
    withGaps.forEach(function (id) {
      gaps.append(el("li", null, el("button", { type: "button", onclick: function () { select(id, true); } },
        el("span", { class: "what", text: info[id].priority ? "Priority" : "Theme" }),
        el("span", { text: info[id].label + " — no " + info[id].missing.join(", ").toLowerCase() }))));
    });
    byId("gaps-panel").hidden = !withGaps.length;
  }

  /* ---------- legend: every colour, shape and line ---------- */

  function glyph(shape, colour) {
    var g = svg("svg", { width: 22, height: 22, viewBox: "0 0 22 22", "aria-hidden": "true" });
    var stroke = { fill: colour, stroke: "#1f2933", "stroke-width": 1, "stroke-opacity": 0.35 };
    var shapes = {
      dot: ["circle", { cx: 11, cy: 11, r: 6 }],
      square: ["rect", { x: 5, y: 5, width: 12, height: 12 }],
      diamond: ["polygon", { points: "11,2 20,11 11,20 2,11" }],
      triangle: ["polygon", { points: "11,2 20,19 2,19" }],
      star: ["polygon", { points: "11,1.5 13.6,8 20.5,8.3 15.2,12.6 17,19.5 11,15.6 5,19.5 6.8,12.6 1.5,8.3 8.4,8" }],
      hexagon: ["polygon", { points: "11,1.5 19.5,6.2 19.5,15.8 11,20.5 2.5,15.8 2.5,6.2" }],
      ellipse: ["ellipse", { cx: 11, cy: 11, rx: 10, ry: 6.5 }],
      box: ["rect", { x: 1.5, y: 5, width: 19, height: 12, rx: 2 }]
    };
    if (shape === "resolved") {
      g.append(svg("circle", { cx: 11, cy: 11, r: 7, fill: "#fff", stroke: colour, "stroke-width": 2, "stroke-dasharray": "3 2" }));
    } else if (shape === "gap") {
      g.append(svg("polygon", { points: shapes.hexagon[1].points, fill: "#2f4b6e", stroke: colour, "stroke-width": 3, "stroke-dasharray": "4 2" }));
    } else {
      var spec = shapes[shape] || shapes.dot;
      g.append(svg(spec[0], Object.assign({}, spec[1], stroke)));
    }
    return g;
  }

  function line(edge) {
    var g = svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true" });
    g.append(svg("line", {
      x1: 1, y1: 6, x2: 33, y2: 6, stroke: edge[1], "stroke-width": Math.max(edge[3], 1),
      "stroke-dasharray": edge[4] ? edge[4].join(" ") : ""
    }));
    return g;
  }

  function buildLegend() {
    var legend = byId("legend");
    function row(icon, label) { legend.append(el("div", { class: "row" }, icon, el("span", { text: label }))); }
    legend.append(el("h3", { text: "Nodes" }));
    data.legend.nodes.forEach(function (n) { row(glyph(n[0], n[1]), n[2]); });
    legend.append(el("h3", { text: "Evidence, by source" }));
    data.legend.sources.forEach(function (s) { row(glyph("dot", s[2]), s[1]); });
    legend.append(el("h3", { text: "Links" }));
    data.legend.edges.forEach(function (e) { row(line(e), e[2]); });
  }

  /* ---------- focus: graph.html#finding=ID ---------- */

  var moved = null;  // evidence moved into columns for a focused finding: original options

  function arrangeFocus(id) {
    // Supporting evidence in a column on the left, contradicting on the right, each
    // labelled: the one view a scrutineer reads item by item.
    var centre = nodes.get(id);
    var columns = { supporting: [], contradicting: [] };
    info[id].evidence.forEach(function (e) {
      columns[e[1] === "contradicting" ? "contradicting" : "supporting"].push(e[0]);
    });
    moved = {};
    var updates = [];
    ["supporting", "contradicting"].forEach(function (role, side) {
      var list = columns[role];
      list.forEach(function (node, k) {
        var original = nodes.get(node);
        // Put back afterwards: place, label, and the font of the node's own style.
        var font = original.font || Object.assign({}, data.styles.groups[original.group].font);
        moved[node] = { id: node, x: original.x, y: original.y, label: original.label, font: font };
        // Columns of at most 12, stacked outwards, so that even a finding resting on
        // thousands of items is a block to scroll, not a column miles long.
        var rows = Math.min(list.length, Math.max(12, Math.ceil(Math.sqrt(list.length * 2))));
        var column = Math.floor(k / rows), row = k % rows;
        var height = Math.min(rows, list.length - column * rows);
        updates.push({
          id: node,
          x: centre.x + (side ? 1 : -1) * (320 + column * 300),
          y: centre.y + (row - (height - 1) / 2) * 64,
          label: trim(info[node].label, 52),
          font: { size: 13, color: "#1f2933" }
        });
      });
    });
    nodes.update(updates);
  }

  function restoreFocus() {
    if (!moved) return;
    nodes.update(Object.keys(moved).map(function (node) { return moved[node]; }));
    moved = null;
  }

  function applyHash() {
    var match = /^#finding=(.+)$/.exec(location.hash);
    var id = match ? "finding:" + decodeURIComponent(match[1]) : null;
    restoreFocus();
    if (id && info[id]) {
      state.focus = id;
      arrangeFocus(id);
      refresh(true);
      setSelected(id);
      showDetails(id);
      byId("focus-text").textContent = "One finding: supporting evidence left, contradicting right";
      byId("focus-banner").hidden = false;
      return;
    }
    byId("focus-banner").hidden = true;
    if (state.focus) {
      state.focus = null;
      refresh(true);
    }
  }

  byId("unfocus").addEventListener("click", function () { location.hash = ""; });
  byId("show-evidence").addEventListener("click", function () {
    state.summary = false;
    refresh(false);
  });
  window.addEventListener("hashchange", applyHash);

  /* ---------- start ---------- */

  var subtitle = byId("subtitle");
  subtitle.textContent = [meta.nodes.toLocaleString("en-GB") + " nodes", meta.edges.toLocaleString("en-GB") + " links"].join(" · ");
  if (meta.published) subtitle.append(el("span", { class: "edition", text: "Published edition: counts below 5 suppressed" }));
  buildFilters();
  buildGaps();
  buildLegend();
  showHelp();
  updateStatus();
  applyHash();

  // For tests and benchmarks: the data as drawn, never used by the page itself.
  window.evidenceGraph = { network: network, nodes: nodes, edges: edges, visible: function () { return visible.size; } };
})();
