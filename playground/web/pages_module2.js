// playground/web/pages_module2.js
//
// Module 2: Tensor sandbox (shape, strides, storage, and Task 2.1's to_index,
// index_to_position and permute with the cell highlighted) and Tensor math
// sandbox. Tensor training is in training.js.
"use strict";

App.register({
  id: "tensor", module: 2, title: "Tensor sandbox",
  render: async (el) => {
    const form = App.html(`<div class="controls">
      <label>Shape<input id="tensor-shape" type="text" value="2, 2, 2" style="width:110px"></label>
      <label>Permute (order)<input id="tensor-permute" type="text" value="" placeholder="e.g. 2, 0, 1" style="width:110px"></label>
      <label>Ordinal (to_index)<input id="tensor-ordinal" type="number" min="0" value="0" style="width:80px"></label>
      <button id="tensor-show">Show</button></div>`);
    const out = App.html(`<div></div>`);
    el.append(form, out);
    const list = (text) => text.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => (/^-?\d+$/.test(s) ? Number(s) : s));

    async function draw() {
      App.clearError(el);
      const request = { shape: list(form.querySelector("#tensor-shape").value), ordinal: form.querySelector("#tensor-ordinal").value };
      const permute = form.querySelector("#tensor-permute").value.trim();
      if (permute) request.permute = list(permute);
      let r;
      try {
        r = await App.api("/api/tensor", request);
      } catch (err) {
        App.showError(el, err);
        return;
      }
      out.innerHTML = "";
      out.appendChild(App.html(`<p>Tensor shape <b>(${r.shape.join(", ")})</b>, strides <b>(${r.strides.join(", ")})</b>: storage of ${r.storage.length} numbers.</p>`));
      const hit = r.view ? r.view.position : -1;
      const strip = App.html(`<div class="storage" id="storage"></div>`);
      r.storage.forEach((v, i) => {
        const cell = App.html(`<div${i === hit ? ' class="hit"' : ""}><small>${i}</small>${v.toFixed(2)}</div>`);
        strip.appendChild(cell);
      });
      out.append(App.html(`<h3>Storage</h3>`), strip);
      if (!r.view) {
        out.appendChild(App.errorBox(r.view_error));
        return;
      }
      const v = r.view;
      out.appendChild(App.html(`<h3>The tensor: shape (${v.shape.join(", ")}), strides (${v.strides.join(", ")})${v.contiguous ? "" : " (not contiguous)"}</h3>`));
      out.appendChild(App.html(`<p class="big" id="tensor-mapping">to_index(${v.ordinal}, shape) = [${v.index.join(", ")}]
        &rarr; index_to_position = ${v.position} &rarr; ${r.storage[v.position].toFixed(2)}</p>`));
      // Cells grouped into 2-D slices: the last two dimensions are rows and columns.
      const dims = v.shape.length, cols = v.shape[dims - 1], rows = dims >= 2 ? v.shape[dims - 2] : 1;
      const perSlice = rows * cols;
      const slices = App.html(`<div id="tensor-cells"></div>`);
      for (let s = 0; s < v.cells.length / perSlice; s++) {
        const first = v.cells[s * perSlice];
        const title = dims > 2 ? `[${first.index.slice(0, dims - 2).join(", ")}, :, :]` : "";
        const slice = App.html(`<div class="slice" style="grid-template-columns: repeat(${cols}, auto)"></div>`);
        const wrap = App.html(`<div style="display:inline-block"><div class="note">${title}</div></div>`);
        for (let k = 0; k < perSlice; k++) {
          const ordinal = s * perSlice + k, c = v.cells[ordinal];
          const cell = App.html(`<div class="grid-cell${ordinal === v.ordinal ? " hit" : ""}"><small>[${c.index.join(",")}] &rarr; ${c.position}</small>${c.value.toFixed(2)}</div>`);
          cell.addEventListener("click", () => { form.querySelector("#tensor-ordinal").value = ordinal; draw(); });
          slice.appendChild(cell);
        }
        wrap.appendChild(slice);
        slices.appendChild(wrap);
      }
      out.appendChild(slices);
      out.appendChild(App.html(`<p class="note">Click a cell to highlight it. Each cell shows its index &rarr; its position in storage.</p>`));
    }
    form.querySelector("#tensor-show").addEventListener("click", draw);
    form.querySelectorAll("input").forEach((i) => i.addEventListener("keydown", (e) => { if (e.key === "Enter") draw(); }));
    await draw();
  },
});

App.register({ id: "tensor-math", module: 2, title: "Tensor math sandbox", render: Pages.math("tensor") });
