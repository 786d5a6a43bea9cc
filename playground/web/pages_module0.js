// playground/web/pages_module0.js
//
// Module 0: Math sandbox, Module sandbox, Manual (Task 0.5). The math page's
// code is shared with Module 1's Scalar sandbox and Module 2's Tensor math
// sandbox (Pages.math(layer)).
"use strict";

const Pages = {};

// A math sandbox over `layer` ("operators", "scalar", "tensor"): pick a
// function of the MathTest tables; one argument: f (and f') over [-50, 50];
// two arguments and reductions: heat maps of f (and its partials).
Pages.math = (layer) => async (el) => {
  const functions = await App.api("/api/math/functions");
  const groups = { one: "One argument", two: "Two arguments", reduce: "Reductions" };
  const options = Object.entries(groups)
    .filter(([kind]) => !(layer === "scalar" && kind === "reduce"))
    .map(([kind, title]) => `<optgroup label="${title}">${functions[kind].map((n) => `<option>${n}</option>`).join("")}</optgroup>`)
    .join("");
  const form = App.html(`<div class="controls"><label>Function<select id="math-function">${options}</select></label></div>`);
  const plots = App.html(`<div class="row" id="math-plots"></div>`);
  el.append(form, plots);
  const select = form.querySelector("select");
  select.value = "sig";
  async function draw() {
    plots.innerHTML = "";
    App.clearError(el);
    let r;
    try {
      r = await App.api("/api/math", { layer, name: select.value });
    } catch (err) {
      App.showError(el, err);
      return;
    }
    const card = (title) => {
      const c = App.html(`<div class="card"><h3></h3><div class="plot"></div></div>`);
      c.querySelector("h3").textContent = title;
      plots.appendChild(c);
      return c.querySelector(".plot");
    };
    if (r.kind === "one") {
      Charts.line(card(`${r.name}(x)`), r.x, [{ y: r.f, color: "#1f77b4", label: "f(x)" }], { width: 460 });
      if (r.df) Charts.line(card(`d ${r.name}(x) / dx (backward)`), r.x, [{ y: r.df, color: "#d62728", label: "f'(x)" }], { width: 460 });
    } else {
      Charts.heatmap(card(`${r.name}(x, y)`), r.x, r.y, r.f);
      if (r.dfdx) Charts.heatmap(card("d f / dx (backward)"), r.x, r.y, r.dfdx);
      if (r.dfdy) Charts.heatmap(card("d f / dy (backward)"), r.x, r.y, r.dfdy);
    }
    const missing = r.df_error || r.dfdx_error;
    if (missing) App.showError(el, missing);
  }
  select.addEventListener("change", draw);
  await draw();
};

App.register({ id: "math", module: 0, title: "Math sandbox", render: Pages.math("operators") });

App.register({
  id: "modules", module: 0, title: "Module sandbox",
  render: async (el) => {
    const form = App.html(`<div class="controls"><label>Module<select id="module-choice"></select></label></div>`);
    const out = App.html(`<div><div class="card" id="module-tree"></div><h3>named_parameters()</h3><div id="named-parameters"></div><h3>Printed</h3><pre id="module-printed"></pre></div>`);
    el.append(form, out);
    const select = form.querySelector("select");
    async function draw(first) {
      App.clearError(el);
      let r;
      try {
        r = await App.api("/api/modules", { model: select.value || "MyModule" });
      } catch (err) {
        App.showError(el, err);
        return;
      }
      if (first) select.innerHTML = r.choices.map((c) => `<option>${c}</option>`).join("");
      Charts.tree(out.querySelector("#module-tree"), r.tree);
      out.querySelector("#module-printed").textContent = r.printed;
      const list = out.querySelector("#named-parameters");
      list.innerHTML = "";
      if (r.named_parameters) {
        const table = App.html(`<table class="data"><tr><th>path</th><th>value</th></tr></table>`);
        r.named_parameters.forEach(([path, value]) => {
          const row = table.insertRow();
          row.insertCell().textContent = path;
          row.insertCell().textContent = typeof value === "number" ? Charts.fmt(value) : value;
        });
        list.appendChild(table);
      } else {
        list.appendChild(App.errorBox(r.named_parameters_error));
      }
    }
    select.addEventListener("change", () => draw(false));
    await draw(true);
  },
});

// Task 0.5: a slider per named parameter of ManualNetwork; every move asks the
// server for the correct count and the decision surface (the newest move wins).
App.register({
  id: "manual", module: 0, title: "Manual",
  render: async (el, info) => {
    const form = App.html(`<div class="controls">
      <label>Dataset<select id="manual-dataset">${info.datasets.map((d) => `<option>${d}</option>`).join("")}</select></label>
      <label>Number of points<input id="manual-points" type="number" min="1" max="500" value="50"></label>
      <button id="manual-hand-set" class="secondary" disabled>Use hand_set_parameters</button></div>`);
    const body = App.html(`<div class="row"><div class="card"><div class="big">Correct: <span id="correct">?</span></div>
      <div id="sliders"></div></div><div class="card" id="manual-plot"></div></div>`);
    el.append(form, body);
    let values = null, handSet = null, pending = null, busy = false;
    const sliders = body.querySelector("#sliders");

    function buildSliders(parameters) {
      sliders.innerHTML = "";
      parameters.forEach(({ name, value }) => {
        const row = App.html(`<div class="slider-row"><span></span><input type="range" min="-10" max="10" step="0.1"><span class="value"></span></div>`);
        row.children[0].textContent = name;
        const input = row.children[1];
        input.value = Math.max(-10, Math.min(10, value));
        input.dataset.name = name;
        row.children[2].textContent = Number(input.value).toFixed(1);
        input.addEventListener("input", () => {
          values[name] = Number(input.value);
          row.children[2].textContent = Number(input.value).toFixed(1);
          update();
        });
        sliders.appendChild(row);
      });
    }

    async function update() {
      pending = { dataset: form.querySelector("#manual-dataset").value, points: form.querySelector("#manual-points").value, params: values };
      if (busy) return;
      busy = true;
      while (pending) {
        const request = pending;
        pending = null;
        try {
          const r = await App.api("/api/manual", request);
          App.clearError(el);
          if (!values) {
            values = {};
            r.parameters.forEach(({ name, value }) => { values[name] = Math.max(-10, Math.min(10, value)); });
            buildSliders(r.parameters);
          }
          body.querySelector("#correct").textContent = `${r.correct} / ${r.total}`;
          Charts.decision(body.querySelector("#manual-plot"), r.dataset, r.surface, r.surface_size);
          handSet = r.hand_set;
          form.querySelector("#manual-hand-set").disabled = !handSet;
          form.querySelector("#manual-hand-set").title = r.hand_set_error ? r.hand_set_error.error : "";
        } catch (err) {
          App.showError(el, err);
        }
      }
      busy = false;
    }
    form.querySelector("#manual-dataset").addEventListener("change", update);
    form.querySelector("#manual-points").addEventListener("change", update);
    form.querySelector("#manual-hand-set").addEventListener("click", () => {
      Object.entries(handSet || {}).forEach(([name, v]) => { values[name] = Math.max(-10, Math.min(10, v)); });
      buildSliders(Object.entries(values).map(([name, value]) => ({ name, value })));
      update();
    });
    await update();
  },
});
