// playground/web/pages_module1.js
//
// Module 1: Scalar sandbox (f and f' by backward), Autodiff sandbox (an
// expression's computation graph with values and derivatives). Scalar
// training is in training.js.
"use strict";

App.register({ id: "scalar", module: 1, title: "Scalar sandbox", render: Pages.math("scalar") });

App.register({
  id: "autodiff", module: 1, title: "Autodiff sandbox",
  render: async (el) => {
    const form = App.html(`<div class="controls">
      <label>Expression (Scalars x, y, z; + - * / &lt; &gt; ==, .log() .exp() .sigmoid() .relu())
        <input id="expression" type="text" class="wide" value="(x * x) * y + 10.0 * x"></label>
      <label>x<input id="var-x" type="number" value="1" step="0.5" style="width:70px"></label>
      <label>y<input id="var-y" type="number" value="1" step="0.5" style="width:70px"></label>
      <label>z<input id="var-z" type="number" value="1" step="0.5" style="width:70px"></label>
      <button id="show-graph">Show graph</button></div>`);
    const out = App.html(`<div><p class="big" id="expression-value"></p><div class="card" id="graph"></div>
      <p class="note">Each box is one operation, "&lt;Function&gt; (Op n)", counted from the output; the edges carry the
      argument's position. Under each variable: its value and d out / d variable (backward).</p></div>`);
    el.append(form, out);
    async function draw() {
      App.clearError(el);
      const request = { expression: form.querySelector("#expression").value };
      for (const v of ["x", "y", "z"]) request[v] = form.querySelector(`#var-${v}`).value;
      let r;
      try {
        r = await App.api("/api/autodiff", request);
      } catch (err) {
        App.showError(el, err);
        return;
      }
      const d = r.derivatives || {};
      const nodes = r.nodes.map((n) => Object.assign({}, n, {
        sub: n.kind === "op" || n.kind === "constant" ? "" : `= ${Charts.fmt(n.value)}` + (n.id in d ? `, d = ${Charts.fmt(d[n.id])}` : ""),
      }));
      Charts.layered(out.querySelector("#graph"), nodes, r.edges);
      out.querySelector("#expression-value").textContent = `out = ${Charts.fmt(r.value)}`;
      if (r.derivatives_error) App.showError(el, r.derivatives_error);
    }
    form.querySelector("#show-graph").addEventListener("click", draw);
    form.querySelector("#expression").addEventListener("keydown", (e) => { if (e.key === "Enter") draw(); });
    await draw();
  },
});
