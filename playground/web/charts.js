// playground/web/charts.js
//
// Small SVG and canvas charts, no library: line plots, heat maps, the
// decision surface with the dataset's points, layered graphs (left to
// right) and trees (top down). Each function draws into an element it
// empties first, and returns it.
"use strict";

const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs = {}, parent = null) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (parent) parent.appendChild(el);
    return el;
  }

  function text(parent, x, y, content, attrs = {}) {
    const t = svg("text", Object.assign({ x, y, "font-size": 11, fill: "#333" }, attrs), parent);
    t.textContent = content;
    return t;
  }

  // A number for a label; with `span` (an axis's range), values that are 0 up to rounding show as 0.
  function fmt(v, span) {
    if (v === null || v === undefined) return "";
    if (span && Math.abs(v) < span * 1e-4) return "0";
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
    return String(Number(v.toPrecision(4)));
  }

  function extent(values) {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) {
      if (v === null || !isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (lo === Infinity) return [0, 1];
    if (lo === hi) return [lo - 1, hi + 1];
    return [lo, hi];
  }

  // Line plot: series = [{y: [...], color, label}], over x. opts: {width, height, ymin, title}.
  function line(el, x, series, opts = {}) {
    el.innerHTML = "";
    const W = opts.width || 420, H = opts.height || 260, L = 56, R = 12, T = 24, B = 30;
    const root = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}` }, el);
    let [ylo, yhi] = extent(series.flatMap((s) => s.y));
    if (opts.ymin !== undefined) ylo = Math.min(opts.ymin, ylo);
    const [xlo, xhi] = extent(x);
    const sx = (v) => L + ((v - xlo) / (xhi - xlo || 1)) * (W - L - R);
    const sy = (v) => H - B - ((v - ylo) / (yhi - ylo || 1)) * (H - T - B);
    svg("rect", { x: L, y: T, width: W - L - R, height: H - T - B, fill: "#fafafa", stroke: "#ccc" }, root);
    for (let i = 0; i <= 4; i++) {
      const yv = ylo + ((yhi - ylo) * i) / 4, xv = xlo + ((xhi - xlo) * i) / 4;
      svg("line", { x1: L, x2: W - R, y1: sy(yv), y2: sy(yv), stroke: "#eee" }, root);
      text(root, L - 4, sy(yv) + 4, fmt(yv, yhi - ylo), { "text-anchor": "end" });
      text(root, sx(xv), H - B + 14, fmt(xv, xhi - xlo), { "text-anchor": "middle" });
    }
    if (opts.title) text(root, L, 15, opts.title, { "font-size": 13, "font-weight": 600 });
    series.forEach((s, k) => {
      let d = "", pen = false, n = 0;
      s.y.forEach((v, i) => {
        if (v === null || !isFinite(v)) { pen = false; return; }
        d += `${pen ? "L" : "M"}${sx(x[i]).toFixed(1)},${sy(v).toFixed(1)}`;
        pen = true;
        n++;
      });
      svg("path", { d, fill: "none", stroke: s.color || "#1f77b4", "stroke-width": 2, class: "series", "data-points": n }, root);
      if (s.label) {
        svg("rect", { x: W - R - 110, y: T + 6 + k * 16, width: 10, height: 10, fill: s.color || "#1f77b4" }, root);
        text(root, W - R - 96, T + 15 + k * 16, s.label);
      }
    });
    return el;
  }

  // Blue (low) - white - red (high).
  function diverging(t) {
    t = Math.max(0, Math.min(1, t));
    const lerp = (a, b, u) => Math.round(a + (b - a) * u);
    if (t < 0.5) {
      const u = t / 0.5;
      return [lerp(49, 255, u), lerp(104, 255, u), lerp(189, 255, u)];
    }
    const u = (t - 0.5) / 0.5;
    return [lerp(255, 214, u), lerp(255, 39, u), lerp(255, 40, u)];
  }

  // Heat map of z[i][j] = f(x[j], y[i]) (y upwards). opts: {size, title}.
  function heatmap(el, x, y, z, opts = {}) {
    el.innerHTML = "";
    const S = opts.size || 260, L = 46, B = 30, T = 22, R = 80;
    const wrap = document.createElement("div");
    wrap.style.position = "relative";
    wrap.style.width = `${S + L + R}px`;
    wrap.style.height = `${S + B + T}px`;
    el.appendChild(wrap);
    const canvas = document.createElement("canvas");
    canvas.width = x.length;
    canvas.height = y.length;
    Object.assign(canvas.style, { position: "absolute", left: `${L}px`, top: `${T}px`, width: `${S}px`, height: `${S}px`, imageRendering: "pixelated" });
    const [lo, hi] = extent(z.flat());
    const ctx = canvas.getContext("2d");
    const img = ctx.createImageData(x.length, y.length);
    for (let i = 0; i < y.length; i++) {
      for (let j = 0; j < x.length; j++) {
        const v = z[i][j];
        const c = v === null ? [200, 200, 200] : diverging((v - lo) / (hi - lo || 1));
        const p = ((y.length - 1 - i) * x.length + j) * 4;
        img.data.set([c[0], c[1], c[2], 255], p);
      }
    }
    ctx.putImageData(img, 0, 0);
    wrap.appendChild(canvas);
    const root = svg("svg", { width: S + L + R, height: S + B + T, class: "heatmap" }, wrap);
    root.style.position = "absolute";
    if (opts.title) text(root, L, 14, opts.title, { "font-size": 13, "font-weight": 600 });
    text(root, L, T + S + 14, fmt(x[0]));
    text(root, L + S, T + S + 14, fmt(x[x.length - 1]), { "text-anchor": "end" });
    text(root, L + S / 2, T + S + 26, "x", { "text-anchor": "middle" });
    text(root, L - 4, T + S, fmt(y[0]), { "text-anchor": "end" });
    text(root, L - 4, T + 10, fmt(y[y.length - 1]), { "text-anchor": "end" });
    text(root, L - 18, T + S / 2, "y", { "text-anchor": "end" });
    for (let k = 0; k <= 10; k++) {
      const c = diverging(k / 10);
      svg("rect", { x: L + S + 10, y: T + S - ((k + 1) * S) / 11, width: 12, height: S / 11 + 0.5, fill: `rgb(${c})` }, root);
    }
    text(root, L + S + 26, T + S, fmt(lo));
    text(root, L + S + 26, T + 10, fmt(hi));
    return el;
  }

  // The dataset over the decision surface (probability of class 1 on a size x
  // size grid, row 0 at x2 = 0). Class 0: blue circles, class 1: red crosses.
  function decision(el, dataset, surface, size, opts = {}) {
    el.innerHTML = "";
    delete el.dataset.surface;
    const S = opts.size || 320, P = 10;
    const root = svg("svg", { width: S + 2 * P, height: S + 2 * P, class: "decision" }, el);
    const sx = (v) => P + v * S, sy = (v) => P + (1 - v) * S;
    svg("rect", { x: P, y: P, width: S, height: S, fill: "white", stroke: "#999" }, root);
    if (surface) {
      const g = svg("g", { class: "surface", opacity: 0.6 }, root);
      const cell = S / size;
      for (let r = 0; r < size; r++) {
        for (let c = 0; c < size; c++) {
          const p = surface[r * size + c];
          const t = (Math.max(0.2, Math.min(0.8, p)) - 0.2) / 0.6;  // zmin 0.2, zmax 0.8 as the original
          svg("rect", { x: P + c * cell, y: P + S - (r + 1) * cell, width: cell + 0.5, height: cell + 0.5, fill: `rgb(${diverging(t)})` }, g);
        }
      }
      el.dataset.surface = surface.slice(0, 64).map((v) => v.toFixed(3)).join(",");  // for the tests
    }
    dataset.X.forEach(([a, b], i) => {
      if (dataset.y[i] === 1) {
        const x = sx(a), y = sy(b), d = 5;
        svg("path", { d: `M${x - d},${y - d}L${x + d},${y + d}M${x - d},${y + d}L${x + d},${y - d}`, stroke: "#ea8484", "stroke-width": 3, class: "point1" }, root);
      } else {
        svg("circle", { cx: sx(a), cy: sy(b), r: 5, fill: "#69bac9", stroke: "black", "stroke-width": 1.5, class: "point0" }, root);
      }
    });
    return el;
  }

  // A graph laid out in columns, left to right: rank = longest path from a source.
  // nodes: [{id, label, kind, sub?}], edges: [{from, to, label}].
  function layered(el, nodes, edges) {
    el.innerHTML = "";
    const rank = {}, incoming = {};
    nodes.forEach((n) => { rank[n.id] = 0; incoming[n.id] = []; });
    edges.forEach((e) => incoming[e.to].push(e.from));
    for (let pass = 0; pass < nodes.length; pass++) {
      let changed = false;
      edges.forEach((e) => { if (rank[e.to] < rank[e.from] + 1) { rank[e.to] = rank[e.from] + 1; changed = true; } });
      if (!changed) break;
    }
    const columns = [];
    nodes.forEach((n) => { (columns[rank[n.id]] = columns[rank[n.id]] || []).push(n); });
    // Fewer crossings: order each column by the mean row of its inputs, then the
    // first column by the mean row of what reads it (barycentres).
    const row = {};
    const number = (col) => (col || []).forEach((n, r) => { row[n.id] = r; });
    const mean = (ids) => (ids.length ? ids.reduce((s, id) => s + row[id], 0) / ids.length : 0);
    const outgoing = {};
    nodes.forEach((n) => { outgoing[n.id] = []; });
    edges.forEach((e) => outgoing[e.from].push(e.to));
    number(columns[0]);
    for (let c = 1; c < columns.length; c++) {
      if (!columns[c]) continue;
      columns[c].sort((a, b) => mean(incoming[a.id]) - mean(incoming[b.id]));
      number(columns[c]);
    }
    if (columns[0]) {
      columns[0].sort((a, b) => mean(outgoing[a.id]) - mean(outgoing[b.id]));
      number(columns[0]);
    }
    const CW = 150, RH = 62, NW = 124, NH = 40;
    const rows = Math.max(...columns.map((c) => (c ? c.length : 0)));
    const W = columns.length * CW + 20, H = rows * RH + 20;
    const root = svg("svg", { width: W, height: H, class: "graph" }, el);
    const defs = svg("defs", {}, root);
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" }, defs);
    svg("path", { d: "M0,0L10,5L0,10z", fill: "#555" }, marker);
    const pos = {};
    columns.forEach((col, c) => (col || []).forEach((n, r) => {
      pos[n.id] = { x: 10 + c * CW, y: 10 + r * RH + ((rows - col.length) * RH) / 2 };
    }));
    edges.forEach((e) => {
      const a = pos[e.from], b = pos[e.to];
      const x1 = a.x + NW, y1 = a.y + NH / 2, x2 = b.x, y2 = b.y + NH / 2;
      svg("path", { d: `M${x1},${y1}C${x1 + 20},${y1} ${x2 - 20},${y2} ${x2},${y2}`, fill: "none", stroke: "#555", "marker-end": "url(#arrow)" }, root);
      if (e.label !== "") text(root, (x1 + x2) / 2, (y1 + y2) / 2 - 3, e.label, { fill: "#a00" });
    });
    nodes.forEach((n) => {
      const p = pos[n.id];
      const g = svg("g", { class: `node ${n.kind}`, "data-id": n.id }, root);
      const fill = n.kind === "op" ? "#fff" : n.kind === "leaf" ? "#cde4f7" : n.kind === "constant" ? "#f4f4f4" : "#eef7ee";
      if (n.kind === "op") svg("rect", { x: p.x, y: p.y, width: NW, height: NH, fill, stroke: "#333", "stroke-width": 2.5 }, g);
      else svg("ellipse", { cx: p.x + NW / 2, cy: p.y + NH / 2, rx: NW / 2, ry: NH / 2, fill, stroke: "#666" }, g);
      text(g, p.x + NW / 2, p.y + (n.sub ? 17 : 24), n.label, { "text-anchor": "middle", "font-size": 12 });
      if (n.sub) text(g, p.x + NW / 2, p.y + 31, n.sub, { "text-anchor": "middle", "font-size": 10, fill: "#555" });
    });
    return el;
  }

  // A tree, top down: node = {name, type, parameters: [{name, value}], children: [...]}.
  function tree(el, rootNode) {
    el.innerHTML = "";
    const BW = 150, BH = 40, GAP = 18, LEVEL = 80;
    const items = [];
    function place(node, depth, path) {
      const kids = [];
      node.parameters.forEach((p) => kids.push({ box: { label: p.name, sub: String(p.value), param: true, path: `${path}.${p.name}` }, children: [] }));
      node.children.forEach((c) => kids.push(place(c, depth + 1, `${path}.${c.name}`)));
      return { box: { label: node.name, sub: node.type, param: false, path }, children: kids };
    }
    const t = place(rootNode, 0, "base");
    let next = 0;
    function layout(n, depth) {
      n.children.forEach((c) => layout(c, depth + 1));
      n.x = n.children.length ? (n.children[0].x + n.children[n.children.length - 1].x) / 2 : next++ * (BW + GAP);
      n.y = depth * LEVEL;
      items.push(n);
    }
    layout(t, 0);
    const W = Math.max(next, 1) * (BW + GAP) + 20, H = Math.max(...items.map((n) => n.y)) + BH + 20;
    const root = svg("svg", { width: W, height: H, class: "tree" }, el);
    items.forEach((n) => n.children.forEach((c) => {
      svg("line", { x1: 10 + n.x + BW / 2, y1: 10 + n.y + BH, x2: 10 + c.x + BW / 2, y2: 10 + c.y, stroke: "#777" }, root);
    }));
    items.forEach((n) => {
      const g = svg("g", { class: n.box.param ? "param" : "module" }, root);
      if (n.box.param) svg("rect", { x: 10 + n.x, y: 10 + n.y, width: BW, height: BH, fill: "#fff5d6", stroke: "#b80" }, g);
      else svg("ellipse", { cx: 10 + n.x + BW / 2, cy: 10 + n.y + BH / 2, rx: BW / 2, ry: BH / 2, fill: "#cde4f7", stroke: "#468" }, g);
      text(g, 10 + n.x + BW / 2, 10 + n.y + 17, n.box.param ? n.box.path : n.box.label, { "text-anchor": "middle", "font-size": 11 });
      text(g, 10 + n.x + BW / 2, 10 + n.y + 31, n.box.sub.length > 22 ? n.box.sub.slice(0, 21) + "..." : n.box.sub, { "text-anchor": "middle", "font-size": 10, fill: "#555" });
    });
    return el;
  }

  return { line, heatmap, decision, layered, tree, fmt };
})();
