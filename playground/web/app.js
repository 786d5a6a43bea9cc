// playground/web/app.js
//
// The page shell: the module radio and the page list of the sidebar (as the
// Streamlit app's), a router on location.hash (#/manual), the JSON helper
// every page uses, and the error box: a 4xx/5xx answer's message, or for a
// missing task "needs task 1.4: not implemented yet".
"use strict";

const App = (() => {
  const pages = [];  // {id, module, title, render(el, info)}
  let info = null;
  let shownModule = 0;
  let cleanup = null;

  function register(page) { pages.push(page); }

  // POST body as JSON (or GET without one); throws an Error with .status and .data on 4xx/5xx.
  async function api(path, body) {
    const options = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const res = await fetch(path, options);
    let data;
    try { data = await res.json(); } catch (e) { data = { error: `HTTP ${res.status}` }; }
    if (!res.ok) {
      const err = new Error(data.error || `HTTP ${res.status}`);
      err.status = res.status;
      err.data = data;
      throw err;
    }
    return data;
  }

  // An element from HTML text.
  function html(text) {
    const t = document.createElement("template");
    t.innerHTML = text.trim();
    return t.content.firstElementChild;
  }

  // The error box for an Error from api() or a JSON {error, task} (a missing task is not the user's fault).
  function errorBox(errOrJson) {
    const data = errOrJson instanceof Error ? errOrJson.data || { error: errOrJson.message } : errOrJson;
    const box = document.createElement("div");
    box.className = data && data.task ? "error not-implemented" : "error";
    box.textContent = data && data.error ? data.error : String(errOrJson);
    if (data && data.task) box.dataset.task = data.task;
    return box;
  }

  // Shows the error in `el` (replacing an earlier one there), under the page's controls.
  function showError(el, err) {
    clearError(el);
    el.insertBefore(errorBox(err), el.children[1] || null);
  }
  function clearError(el) { el.querySelectorAll(":scope > .error").forEach((e) => e.remove()); }

  function currentPageId() { return (location.hash.match(/^#\/([\w-]+)/) || [])[1]; }

  function renderSidebar() {
    const modules = document.getElementById("modules");
    modules.innerHTML = "";
    for (let m = 0; m <= info.module; m++) {
      const label = html(`<label><input type="radio" name="module" value="${m}"> Module ${m}</label>`);
      const input = label.querySelector("input");
      input.checked = m === shownModule;
      input.addEventListener("change", () => {
        shownModule = m;
        const first = pages.find((p) => p.module === m);
        location.hash = `#/${first.id}`;
      });
      modules.appendChild(label);
    }
    const list = document.getElementById("pages");
    list.innerHTML = "";
    pages.filter((p) => p.module === shownModule).forEach((p) => {
      const a = html(`<li><a href="#/${p.id}" data-page="${p.id}">${p.title}</a></li>`);
      if (p.id === currentPageId()) a.querySelector("a").classList.add("active");
      list.appendChild(a);
    });
  }

  async function route() {
    const available = pages.filter((p) => p.module <= info.module);
    const page = available.find((p) => p.id === currentPageId()) || available[0];
    if (page.id !== currentPageId()) { location.replace(`#/${page.id}`); }
    shownModule = page.module;
    renderSidebar();
    if (cleanup) { cleanup(); cleanup = null; }
    document.getElementById("page-title").textContent = page.title;
    const el = document.getElementById("page");
    el.innerHTML = "";
    el.dataset.page = page.id;
    try {
      cleanup = (await page.render(el, info)) || null;
    } catch (err) {
      showError(el, err);
    }
  }

  async function start() {
    try {
      info = await api("/api/info");
    } catch (err) {
      document.getElementById("page").appendChild(errorBox(err));
      return;
    }
    window.addEventListener("hashchange", route);
    route();
  }

  return { register, api, html, errorBox, showError, clearError, start };
})();
