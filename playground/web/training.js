// playground/web/training.js
//
// The training pages (Scalar, Tensor, Fast): the controls of the course's
// train interface, Train / Stop, and the live view fed by the server's
// event stream: progress with time per epoch and time left, the decision
// surface over the points, the loss curve and the epoch table (newest first).
"use strict";

Pages.training = (model, defaults) => async (el, info) => {
  const limits = info.limits[model];
  const rates = [0.001, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0];
  const backends = model === "fast" ? `<label>Backend<select id="train-backend">${info.backends.map((b) => `<option${b === "fast" ? " selected" : ""}>${b}</option>`).join("")}</select></label>` : "";
  const form = App.html(`<div class="controls">
    <label>Dataset<select id="train-dataset">${info.datasets.map((d) => `<option>${d}</option>`).join("")}</select></label>
    <label>Number of points (1..${limits.points})<input id="train-points" type="number" min="1" max="${limits.points}" value="50"></label>
    <label>Size of hidden layer (1..${limits.hidden})<input id="train-hidden" type="number" min="1" max="${limits.hidden}" value="${defaults.hidden}"></label>
    <label>Learning rate<select id="train-rate">${rates.map((r) => `<option${r === defaults.rate ? " selected" : ""}>${r}</option>`).join("")}</select></label>
    <label>Epochs (1..${limits.epochs})<input id="train-epochs" type="number" min="1" max="${limits.epochs}" step="25" value="${defaults.epochs}"></label>
    ${backends}
    <button id="train">Train model</button><button id="stop" class="secondary" disabled>Stop model</button></div>`);
  const view = App.html(`<div>
    <div class="progress"><div id="train-progress"></div></div>
    <p id="train-status" class="note">Not training.</p>
    <div class="row">
      <div class="card"><h3>Decision surface</h3><div id="train-plot"></div></div>
      <div class="card"><h3>Loss</h3><div id="loss-curve"></div></div>
      <div class="card"><h3>Epochs</h3><div class="table-scroll"><table class="data" id="epoch-table">
        <thead><tr><th>epoch</th><th>loss</th><th>correct</th></tr></thead><tbody></tbody></table></div></div>
    </div></div>`);
  el.append(form, view);
  const $ = (sel) => el.querySelector(sel);
  let stream = null, session = null, dataset = null, surface = null, surfaceSize = 0, epochs = [];

  function drawPlot() { Charts.decision($("#train-plot"), dataset, surface, surfaceSize); }
  function drawLoss() {
    Charts.line($("#loss-curve"), epochs.map((e) => e.epoch), [{ y: epochs.map((e) => e.loss), color: "#d62728", label: "loss" }], { ymin: 0, width: 380, height: 300 });
  }

  async function preview() {
    if (stream) return;
    try {
      const r = await App.api("/api/dataset", { dataset: $("#train-dataset").value, points: $("#train-points").value });
      App.clearError(el);
      dataset = r.dataset;
      surface = null;
      drawPlot();
    } catch (err) {
      App.showError(el, err);
    }
  }

  function setRunning(running) {
    $("#train").disabled = running;
    $("#stop").disabled = !running;
  }

  function onFrame(frame) {
    const rows = $("#epoch-table tbody");
    frame.epochs.forEach((e) => {
      epochs.push(e);
      const row = rows.insertRow(0);
      row.insertCell().textContent = e.epoch;
      row.insertCell().textContent = e.loss.toFixed(4);
      row.insertCell().textContent = `${e.correct} / ${e.total}`;
    });
    while (rows.rows.length > 500) rows.deleteRow(rows.rows.length - 1);
    if (frame.surface) { surface = frame.surface; drawPlot(); }
    if (frame.epochs.length) drawLoss();
    const last = epochs[epochs.length - 1];
    if (last) {
      const perEpoch = epochs.reduce((s, e) => s + e.seconds, 0) / epochs.length;
      $("#train-progress").style.width = `${(100 * last.epoch) / frame.max_epochs}%`;
      $("#train-status").textContent = `Epoch ${last.epoch}/${frame.max_epochs}. Time per epoch: ${perEpoch.toFixed(3)}s. ` +
        `Time left: ${(perEpoch * (frame.max_epochs - last.epoch)).toFixed(2)}s. Loss ${last.loss.toFixed(4)}, correct ${last.correct}/${last.total}.`;
    }
    if (frame.state !== "running") {
      $("#train-status").textContent += ` (${frame.state})`;
      $("#train-status").dataset.state = frame.state;
      if (frame.error) App.showError(el, frame.error);
      finish();
    }
  }

  function finish() {
    if (stream) stream.close();
    stream = null;
    setRunning(false);
  }

  async function train() {
    App.clearError(el);
    const request = {
      model, dataset: $("#train-dataset").value, points: $("#train-points").value, hidden: $("#train-hidden").value,
      rate: $("#train-rate").value, epochs: $("#train-epochs").value,
    };
    if (model === "fast") request.backend = $("#train-backend").value;
    let r;
    try {
      r = await App.api("/api/train", request);
    } catch (err) {
      App.showError(el, err);
      return;
    }
    session = r.id;
    dataset = r.setup.dataset;
    surfaceSize = r.setup.surface_size;
    surface = r.surface && r.surface.length ? r.surface : null;  // the untrained model
    epochs = [];
    $("#epoch-table tbody").innerHTML = "";
    drawLoss();
    $("#train-status").dataset.state = "running";
    $("#train-status").textContent = "Starting...";
    drawPlot();
    $("#train-plot").dataset.firstSurface = $("#train-plot").dataset.surface || "";
    setRunning(true);
    stream = new EventSource(`/api/train/${session}/events`);
    stream.onmessage = (event) => onFrame(JSON.parse(event.data));
    stream.onerror = () => {
      if (!stream) return;
      App.showError(el, { error: "lost the connection to the server's training stream" });
      finish();
    };
  }

  drawLoss();  // empty axes until the first epoch
  $("#train").addEventListener("click", train);
  $("#stop").addEventListener("click", () => { if (session) App.api(`/api/train/${session}/stop`, {}).catch((err) => App.showError(el, err)); });
  $("#train-dataset").addEventListener("change", preview);
  $("#train-points").addEventListener("change", preview);
  await preview();
  // Leaving the page stops its training.
  return () => {
    if (stream && session) App.api(`/api/train/${session}/stop`, {}).catch(() => {});
    finish();
  };
};

App.register({ id: "train-scalar", module: 1, title: "Scalar training", render: Pages.training("scalar", { hidden: 3, rate: 0.5, epochs: 200 }) });
App.register({ id: "train-tensor", module: 2, title: "Tensor training", render: Pages.training("tensor", { hidden: 10, rate: 0.5, epochs: 500 }) });
App.register({ id: "train-fast", module: 3, title: "Fast training", render: Pages.training("fast", { hidden: 10, rate: 0.05, epochs: 500 }) });

