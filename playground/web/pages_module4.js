// playground/web/pages_module4.js
//
// Module 4: Images (Fashion-MNIST: the images and their labels, live loss,
// validation accuracy and the first layer's feature maps) and Words (the
// conv1d model of a word's language: a live predictions table).
"use strict";

// A grey image (values, `size` x `size`) on a canvas `scale` times larger.
// `lo`/`hi`: the value range (default: the image's own).
function greyImage(values, size, scale, lo, hi) {
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  canvas.style.width = `${size * scale}px`;
  canvas.style.height = `${size * scale}px`;
  canvas.style.imageRendering = "pixelated";
  if (lo === undefined) { lo = Math.min(...values); hi = Math.max(...values); }
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(size, size);
  values.forEach((v, i) => {
    const g = Math.round(255 * (1 - (v - lo) / (hi - lo || 1)));  // dark = high, as the course's -1 * mid
    img.data.set([g, g, g, 255], i * 4);
  });
  ctx.putImageData(img, 0, 0);
  return canvas;
}

// Train / Stop and the event stream of one session: calls onFrame(frame) for
// each frame, shows the errors, and returns the cleanup for leaving the page.
function sessionControls(el, form, makeRequest, onStart, onFrame) {
  let stream = null, session = null;
  const train = form.querySelector(".train"), stop = form.querySelector(".stop");
  const finish = () => { if (stream) stream.close(); stream = null; train.disabled = false; stop.disabled = true; };
  train.addEventListener("click", async () => {
    App.clearError(el);
    let r;
    try {
      r = await App.api("/api/train", makeRequest());
    } catch (err) {
      App.showError(el, err);
      return;
    }
    session = r.id;
    onStart(r.setup);
    train.disabled = true;
    stop.disabled = false;
    stream = new EventSource(`/api/train/${session}/events`);
    stream.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      onFrame(frame);
      if (frame.state !== "running") {
        if (frame.error) App.showError(el, frame.error);
        finish();
      }
    };
    stream.onerror = () => { if (stream) { App.showError(el, { error: "lost the connection to the training stream" }); finish(); } };
  });
  stop.addEventListener("click", () => { if (session) App.api(`/api/train/${session}/stop`, {}).catch((err) => App.showError(el, err)); });
  return () => { if (stream && session) App.api(`/api/train/${session}/stop`, {}).catch(() => {}); finish(); };
}

// Status line, loss and accuracy curves and the epoch table, shared by both pages.
function classifierView() {
  const view = App.html(`<div>
    <div class="progress"><div class="bar"></div></div><p class="note status">Not training.</p>
    <div class="row"><div class="card"><h3>Loss</h3><div class="loss"></div></div>
      <div class="card"><h3>Validation accuracy</h3><div class="accuracy"></div></div>
      <div class="card"><h3>Epochs</h3><div class="table-scroll"><table class="data epochs"><thead><tr><th>epoch</th>
        <th>loss</th><th>validation</th><th>training</th></tr></thead><tbody></tbody></table></div></div></div></div>`);
  let epochs = [], extra = {};
  return {
    view,
    reset() { epochs = []; extra = {}; view.querySelector("tbody").innerHTML = ""; view.querySelector(".status").dataset.state = "running"; },
    frame(frame) {
      if (frame.extra) extra = frame.extra;  // the server sends an epoch's extras no later than the epoch
      frame.epochs.forEach((e) => {
        epochs.push(e);
        const row = view.querySelector("tbody").insertRow(0);
        row.insertCell().textContent = e.epoch;
        row.insertCell().textContent = e.loss.toFixed(2);
        row.insertCell().textContent = `${((100 * e.correct) / e.total).toFixed(1)}%`;
        row.insertCell().textContent = extra.train_total ? `${((100 * extra.train_correct) / extra.train_total).toFixed(1)}%` : "";
      });
      const last = epochs[epochs.length - 1];
      const status = view.querySelector(".status");
      if (last) {
        const perEpoch = epochs.reduce((s, e) => s + e.seconds, 0) / epochs.length;
        view.querySelector(".bar").style.width = `${(100 * last.epoch) / frame.max_epochs}%`;
        status.textContent = `Epoch ${last.epoch}/${frame.max_epochs}. Time per epoch: ${perEpoch.toFixed(2)}s. ` +
          `Time left: ${(perEpoch * (frame.max_epochs - last.epoch)).toFixed(1)}s. Validation accuracy ${((100 * last.correct) / last.total).toFixed(1)}%.`;
        const x = epochs.map((e) => e.epoch);
        Charts.line(view.querySelector(".loss"), x, [{ y: epochs.map((e) => e.loss), color: "#d62728", label: "loss" }], { ymin: 0, width: 340, height: 240 });
        Charts.line(view.querySelector(".accuracy"), x, [{ y: epochs.map((e) => (100 * e.correct) / e.total), color: "#2ca02c", label: "% correct" }], { ymin: 0, width: 340, height: 240 });
      } else if (frame.state === "running") {
        status.textContent = "Training the first epoch...";
      }
      if (frame.state !== "running") { status.textContent += ` (${frame.state})`; status.dataset.state = frame.state; }
    },
  };
}

App.register({
  id: "images", module: 4, title: "Images (Fashion-MNIST)",
  render: async (el, info) => {
    const form = App.html(`<div class="controls">
      <label>Training images (100..${info.limits.mnist.train})<input id="mnist-train" type="number" min="100" max="${info.limits.mnist.train}" value="500" step="100"></label>
      <label>Learning rate<select id="mnist-rate">${[0.001, 0.005, 0.01, 0.05].map((r) => `<option${r === 0.01 ? " selected" : ""}>${r}</option>`).join("")}</select></label>
      <label>Epochs (1..${info.limits.mnist.epochs})<input id="mnist-epochs" type="number" min="1" max="${info.limits.mnist.epochs}" value="3"></label>
      <button class="train" id="train">Train model</button><button class="stop secondary" id="stop" disabled>Stop model</button></div>`);
    const gallery = App.html(`<div class="card"><h3>The first training images <button id="mnist-next" class="secondary">Next 16</button></h3><div id="mnist-images" class="row"></div></div>`);
    const maps = App.html(`<div class="card"><h3>First layer's feature maps of a validation image</h3><div id="feature-maps" class="row"><p class="note">(after the first epoch)</p></div></div>`);
    const cv = classifierView();
    el.append(form, gallery, cv.view, maps);
    let start = 0, classNames = [];
    async function showImages() {
      try {
        const r = await App.api("/api/mnist/images", { start, count: 16 });
        classNames = r.class_names;
        const box = gallery.querySelector("#mnist-images");
        box.innerHTML = "";
        r.images.forEach((pixels, i) => {
          const cell = App.html(`<div style="text-align:center;font-size:11px"></div>`);
          cell.appendChild(greyImage(pixels.map((p) => 255 - p), 28, 2, 0, 255));
          cell.appendChild(App.html(`<div>${start + i}: ${r.class_names[r.labels[i]]}</div>`));
          box.appendChild(cell);
        });
      } catch (err) {
        App.showError(el, err);
      }
    }
    gallery.querySelector("#mnist-next").addEventListener("click", () => { start += 16; showImages(); });
    const cleanup = sessionControls(el, form,
      () => ({ model: "mnist", train: form.querySelector("#mnist-train").value, rate: form.querySelector("#mnist-rate").value, epochs: form.querySelector("#mnist-epochs").value }),
      () => cv.reset(),
      (frame) => {
        cv.frame(frame);
        if (frame.extra && frame.extra.feature_maps) {
          const box = maps.querySelector("#feature-maps");
          box.innerHTML = "";
          const image = App.html(`<div style="text-align:center;font-size:11px"></div>`);
          image.appendChild(greyImage(frame.extra.image.map((p) => 255 - p), 28, 3, 0, 255));
          image.appendChild(App.html(`<div>${classNames[frame.extra.label] || ""}</div>`));
          box.appendChild(image);
          frame.extra.feature_maps.forEach((m, k) => {
            const cell = App.html(`<div style="text-align:center;font-size:11px"></div>`);
            cell.appendChild(greyImage(m, 28, 3));
            cell.appendChild(App.html(`<div>map ${k}</div>`));
            box.appendChild(cell);
          });
        }
      });
    await showImages();  // after Train works: the first read of the image file takes a moment
    return cleanup;
  },
});

App.register({
  id: "words", module: 4, title: "Words (conv1d)",
  render: async (el, info) => {
    const form = App.html(`<div class="controls">
      <label>Training words per language (50..${info.limits.words.train})<input id="words-train" type="number" min="50" max="${info.limits.words.train}" value="200" step="50"></label>
      <label>Learning rate<select id="words-rate">${[0.05, 0.1, 0.5, 1.0].map((r) => `<option${r === 0.5 ? " selected" : ""}>${r}</option>`).join("")}</select></label>
      <label>Epochs (1..${info.limits.words.epochs})<input id="words-epochs" type="number" min="1" max="${info.limits.words.epochs}" value="10"></label>
      <button class="train" id="train">Train model</button><button class="stop secondary" id="stop" disabled>Stop model</button></div>`);
    const intro = App.html(`<p class="note">Which language is a word? A 1-D convolution over its letters (Kim's sentence CNN on
      letters; it stands in for the course's SST-2 sentiment model, which needs data from the internet). Words from Debian's
      word lists: English, French, German, Italian, Spanish.</p>`);
    const cv = classifierView();
    const table = App.html(`<div class="card"><h3>Predictions on validation words</h3><table class="data" id="predictions"><thead><tr>
      <th>word</th><th>true_label</th><th>predicted_label</th><th>logit</th><th>error</th></tr></thead><tbody></tbody></table></div>`);
    el.append(intro, form, cv.view, table);
    return sessionControls(el, form,
      () => ({ model: "words", train: form.querySelector("#words-train").value, rate: form.querySelector("#words-rate").value, epochs: form.querySelector("#words-epochs").value }),
      () => cv.reset(),
      (frame) => {
        cv.frame(frame);
        if (frame.extra && frame.extra.predictions) {
          const body = table.querySelector("tbody");
          body.innerHTML = "";
          frame.extra.predictions.forEach((p) => {
            const row = body.insertRow();
            [p.word, p.true_label, p.predicted_label, p.logit.toFixed(3), p.error ? "yes" : ""].forEach((v) => { row.insertCell().textContent = v; });
            if (p.error) row.style.color = "#a00";
          });
        }
      });
  },
});
