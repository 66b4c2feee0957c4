// Sorting and brainwriting helpers. Loaded on every page; does nothing where neither a sorting
// board nor a brainwriting sheet is shown. Everything here has a plain-form equivalent:
// - sorting: every note has its own "move to" form. On a large screen, dragging a note onto a
//   column fills in that note's form with the column's category and sends it, so the server sees
//   exactly what a keyboard user's form sends. The live refresh (app.js) then redraws the board.
// - brainwriting: when the round changes under a form nobody has typed in, the page reloads onto
//   the new sheet; with text typed, a notice says so and the text is left alone.
(function () {
  "use strict";
  var sortArea = document.querySelector("[data-sort-area]");
  var writing = document.querySelector("[data-bw-form-round]");
  if (!sortArea && !writing) return;
  var body = document.body;

  function reloadPage() {
    window.location.assign(body.getAttribute("data-page") || window.location.href);
  }

  // ---- Brainwriting: follow the round. -------------------------------------------------------
  function checkRound() {
    var form = document.querySelector("[data-bw-form-round]");
    var live = document.querySelector("[data-bw-round]");
    if (!form || !live) return;
    if (form.getAttribute("data-bw-form-round") === live.getAttribute("data-bw-round")) return;
    var text = form.querySelector("textarea");
    if (!text || text.value.trim() === "") { reloadPage(); return; }
    var notice = live.querySelector("[data-bw-round-moved]");
    if (notice) notice.hidden = false;
  }

  // ---- Sorting: drag and drop on large screens. ----------------------------------------------
  // Phones sort with the forms: dragging there fights with scrolling.
  var wide = sortArea && window.matchMedia && window.matchMedia("(min-width: 48rem)").matches;
  var dragged = null;

  function markDraggable() {
    if (!wide) return;
    document.querySelectorAll("[data-sort-note]").forEach(function (note) {
      if (!note.hasAttribute("draggable") && note.querySelector("[data-sort-form]")) {
        note.setAttribute("draggable", "true");
      }
    });
    document.querySelectorAll("[data-sort-area]").forEach(function (area) { area.classList.add("sort-dnd"); });
  }

  function columnAt(target) {
    return target && target.closest ? target.closest("[data-sort-column]") : null;
  }

  function clearTargets() {
    document.querySelectorAll(".drop-target").forEach(function (column) { column.classList.remove("drop-target"); });
  }

  // Sends a note's form in the background; the form itself is the fallback, so a refusal shows
  // the server's explanation as a plain submission would.
  function send(form) {
    var bodyData;
    try {
      bodyData = new URLSearchParams(new FormData(form));
    } catch (error) {
      form.submit();
      return;
    }
    if (!window.fetch) { form.submit(); return; }
    fetch(form.action, {
      method: "POST",
      body: bodyData,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-Requested-With": "converge-live" }
    }).then(function (response) {
      // The server answers a done sort with a redirect to the page.
      if (response.type === "opaqueredirect" || response.ok) {
        // Without the live stream nothing else would redraw the totals.
        if (!body.getAttribute("data-stream") || !window.EventSource) reloadPage();
        return;
      }
      form.submit();
    }).catch(function () { form.submit(); });
  }

  if (wide) {
    document.addEventListener("dragstart", function (event) {
      var note = event.target && event.target.closest ? event.target.closest("[data-sort-note]") : null;
      if (!note || !note.querySelector("[data-sort-form]")) return;
      dragged = note;
      event.dataTransfer.effectAllowed = "move";
      // Firefox starts a drag only when some data is set.
      event.dataTransfer.setData("text/plain", note.getAttribute("data-sort-note") || "");
      note.classList.add("dragging");
    });
    document.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
      dragged = null;
      clearTargets();
    });
    document.addEventListener("dragover", function (event) {
      var column = columnAt(event.target);
      if (!dragged || !column) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      if (!column.classList.contains("drop-target")) { clearTargets(); column.classList.add("drop-target"); }
    });
    document.addEventListener("drop", function (event) {
      var column = columnAt(event.target);
      var note = dragged;
      if (!note || !column) return;
      event.preventDefault();
      clearTargets();
      var form = note.querySelector("[data-sort-form]");
      var select = form && form.querySelector("select[name='category']");
      if (!select) return;
      var category = column.getAttribute("data-category") || "";
      if (columnAt(note) === column) return;
      select.value = category;
      // Shown in its new column at once; the refresh that follows redraws the board, totals
      // included, from what the server recorded.
      var list = column.querySelector("[data-sort-list]");
      if (list) list.appendChild(note);
      send(form);
    });
  }

  function onChange() {
    if (sortArea) markDraggable();
    if (writing) checkRound();
  }
  onChange();
  // app.js swaps live regions in place: look again at what it brought.
  if (window.MutationObserver) {
    new MutationObserver(onChange).observe(document.querySelector("main") || body, { childList: true, subtree: true });
  }
})();
