// Ballot helpers, loaded on every page; each does nothing where its ballot is absent.
//
// 1. Dot voting by tapping, where there is a `[data-dots-counter]`. Without this script the
//    ballot is a number input per idea. With it, each idea's input is hidden and its stepper
//    shown: − and + around the count, which set the input, so the form posts the same fields.
//    + is off at the idea's cap (the input's `max`) or when no dot is left, − at 0; they are
//    marked `aria-disabled` rather than disabled, so a keyboard or screen reader keeps its
//    place on them. The counter says how many dots are left, or how many too many (a refused
//    ballot shown again), from the sentence templates the server renders in the page's language
//    (`data-left-one`, `data-left-other`, `data-over-one`, `data-over-other`, with `{n}`); the
//    plural form is the browser's (`Intl.PluralRules`). After each tap, `[data-dots-live]` says
//    the idea's count (`data-item-one`, `data-item-other`, with `{n}` and `{item}`) and the
//    counter's sentence. The counter and the send button stay in sight at the foot of the
//    screen (`.dots-tap` in votes.css). The server checks the ballot again and says the same
//    when it refuses one.
//
// 2. Drag-to-rank for the ranking ballot, where there is a
// `[data-rank-list]`. The ballot itself is a rank select per idea (1 is best, equal ranks tie,
// empty leaves the idea unranked) and works without this script: the selects are the keyboard
// alternative and stay usable.
//
// With this script each idea gets a handle. Dragging it (Pointer Events: mouse, pen or finger)
// moves the idea in the list as the pointer goes; on drop every select is set to its idea's
// position in the list, 1 to n. So a drag always gives a strict order of ALL the ideas: ties and
// unranked ideas are made with the selects only. A drag starts from the ranking the selects hold
// (the list is first put in that order, ties and unranked ideas keeping their place in the list),
// so ranks chosen with the selects are kept and only the dragged idea moves among them.
// The new position is announced in the `[data-rank-live]` region, in the page's language, from
// the `data-rank-moved` template the server renders ({item}, {position}, {total}).
// CSP: no inline style, no eval; the look is classes in votes.css.
(function () {
  "use strict";
  var lists = document.querySelectorAll("[data-rank-list]");
  if (!lists.length || !window.PointerEvent) return;

  // How far (in CSS pixels) the pointer moves before a press on a handle becomes a drag.
  var THRESHOLD = 4;
  // Near the top or bottom of the window, a drag scrolls it.
  var EDGE = 48;
  var STEP = 12;

  function items(list) {
    return Array.prototype.filter.call(list.children, function (child) {
      return child.hasAttribute("data-rank-item");
    });
  }

  function selectOf(item) {
    return item.querySelector("select");
  }

  function textOf(item) {
    var label = item.querySelector("label");
    return (label ? label.textContent : item.textContent).trim();
  }

  // The ranking the selects hold, as a list order: ranked ideas by rank, unranked ones after;
  // equal ranks keep their order in the list.
  function orderBySelects(list) {
    var current = items(list);
    var keyed = current.map(function (item, index) {
      var value = selectOf(item) ? selectOf(item).value : "";
      var rank = value === "" ? Infinity : Number(value);
      return { item: item, rank: isNaN(rank) ? Infinity : rank, index: index };
    });
    keyed.sort(function (a, b) { return a.rank === b.rank ? a.index - b.index : a.rank - b.rank; });
    var changed = keyed.some(function (entry, index) { return entry.item !== current[index]; });
    if (changed) keyed.forEach(function (entry) { list.appendChild(entry.item); });
  }

  function writeRanks(list) {
    items(list).forEach(function (item, index) {
      var select = selectOf(item);
      if (!select) return;
      var value = String(index + 1);
      if (select.value !== value) {
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function announce(list, item) {
    var live = list.parentNode.querySelector("[data-rank-live]") || document.querySelector("[data-rank-live]");
    var template = list.getAttribute("data-rank-moved");
    if (!live || !template) return;
    var all = items(list);
    var text = template
      .split("{item}").join(textOf(item))
      .split("{position}").join(String(all.indexOf(item) + 1))
      .split("{total}").join(String(all.length));
    // The same sentence twice in a row is still read: empty the region first.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // Moves `dragged` to where the pointer is: onto another idea, it takes that idea's place;
  // above the first or below the last, it goes first or last.
  function follow(list, dragged, y) {
    var all = items(list);
    if (!all.length) return;
    var first = all[0].getBoundingClientRect();
    var last = all[all.length - 1].getBoundingClientRect();
    var target = null;
    if (y < first.top) target = all[0];
    else if (y > last.bottom) target = all[all.length - 1];
    else {
      for (var i = 0; i < all.length; i++) {
        var rect = all[i].getBoundingClientRect();
        if (y >= rect.top && y <= rect.bottom) { target = all[i]; break; }
      }
    }
    if (!target || target === dragged) return;
    var from = all.indexOf(dragged);
    var to = all.indexOf(target);
    if (to > from) list.insertBefore(dragged, target.nextSibling);
    else list.insertBefore(dragged, target);
  }

  function autoscroll(y) {
    if (y < EDGE) window.scrollBy(0, -STEP);
    else if (y > window.innerHeight - EDGE) window.scrollBy(0, STEP);
  }

  function enhance(list) {
    var label = list.getAttribute("data-rank-handle-label") || "";
    items(list).forEach(function (item) {
      if (item.querySelector("[data-rank-handle]")) return;
      var handle = document.createElement("span");
      handle.className = "rank-handle";
      handle.setAttribute("data-rank-handle", "");
      // The selects are the accessible way to rank; the handle is for pointers only.
      handle.setAttribute("aria-hidden", "true");
      if (label) handle.title = label;
      handle.textContent = "\u2630";
      item.insertBefore(handle, item.firstChild);
    });
    list.classList.add("rank-dnd");
    var hint = list.parentNode.querySelector("[data-rank-drag-hint]");
    if (hint) hint.hidden = false;

    var drag = null; // { item, handle, pointerId, startY, started, before }

    function finish(commit) {
      if (!drag) return;
      var state = drag;
      drag = null;
      try { if (list.hasPointerCapture(state.pointerId)) list.releasePointerCapture(state.pointerId); } catch (error) { /* gone */ }
      state.item.classList.remove("rank-dragging");
      list.classList.remove("rank-sorting");
      if (!state.started) return;
      if (commit) {
        writeRanks(list);
        list.querySelectorAll(".rank-dropped").forEach(function (item) { item.classList.remove("rank-dropped"); });
        state.item.classList.add("rank-dropped");
        announce(list, state.item);
      } else {
        // Cancelled (the system took the gesture): the list goes back to how it was.
        state.before.forEach(function (item) { list.appendChild(item); });
      }
    }

    list.addEventListener("pointerdown", function (event) {
      var handle = event.target.closest && event.target.closest("[data-rank-handle]");
      if (!handle || !list.contains(handle) || drag) return;
      if (event.pointerType === "mouse" && event.button !== 0) return;
      var item = handle.closest("[data-rank-item]");
      if (!item) return;
      event.preventDefault();
      drag = { item: item, handle: handle, pointerId: event.pointerId, startY: event.clientY, started: false, before: items(list) };
      // The list, not the handle, takes the pointer: the items move in the DOM while dragging,
      // and an element taken out of the document loses its capture.
      try { list.setPointerCapture(event.pointerId); } catch (error) { /* the list's listeners still see the moves over it */ }
    });

    list.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.pointerId) return;
      event.preventDefault();
      if (!drag.started) {
        if (Math.abs(event.clientY - drag.startY) < THRESHOLD) return;
        drag.started = true;
        orderBySelects(list);
        drag.item.classList.add("rank-dragging");
        list.classList.add("rank-sorting");
      }
      follow(list, drag.item, event.clientY);
      autoscroll(event.clientY);
    });

    list.addEventListener("pointerup", function (event) {
      if (drag && event.pointerId === drag.pointerId) finish(true);
    });
    list.addEventListener("pointercancel", function (event) {
      if (drag && event.pointerId === drag.pointerId) finish(false);
    });
    list.addEventListener("lostpointercapture", function (event) {
      if (drag && event.pointerId === drag.pointerId && drag.started) finish(true);
    });
    // No native drag of the handle's text, no context menu from a long press on it.
    list.addEventListener("dragstart", function (event) {
      if (event.target.closest && event.target.closest("[data-rank-handle]")) event.preventDefault();
    });
    list.addEventListener("contextmenu", function (event) {
      if (event.target.closest && event.target.closest("[data-rank-handle]")) event.preventDefault();
    });
  }

  Array.prototype.forEach.call(lists, enhance);
})();

(function () {
  "use strict";
  var counter = document.querySelector("[data-dots-counter]");
  var form = counter && counter.closest("form");
  if (!form) return;
  var budget = parseInt(counter.getAttribute("data-budget"), 10) || 0;
  var live = form.querySelector("[data-dots-live]");
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;

  function template(element, kind, n) {
    var form = plural && plural.select(n) === "one" ? "one" : "other";
    return (element.getAttribute("data-" + kind + "-" + form) || "").split("{n}").join(String(n));
  }

  function dotsOn(input) {
    var n = parseInt(input.value, 10);
    return n > 0 ? n : 0;
  }

  function capOf(input) {
    var cap = parseInt(input.getAttribute("max"), 10);
    return isNaN(cap) ? Infinity : cap;
  }

  function spent() {
    var total = 0;
    form.querySelectorAll("input.dots-input").forEach(function (input) { total += dotsOn(input); });
    return total;
  }

  function update() {
    var total = spent();
    var over = total > budget;
    counter.textContent = over ? template(counter, "over", total - budget) : template(counter, "left", budget - total);
    counter.classList.toggle("over", over);
    form.querySelectorAll("[data-dots-item]").forEach(function (item) {
      var input = item.querySelector("input.dots-input");
      var count = item.querySelector("[data-dots-count]");
      if (!input || !count) return;
      var n = dotsOn(input);
      count.textContent = String(n);
      item.querySelectorAll("[data-dots-step]").forEach(function (button) {
        var adds = Number(button.getAttribute("data-dots-step")) > 0;
        var off = adds ? n >= capOf(input) || total >= budget : n <= 0;
        button.setAttribute("aria-disabled", off ? "true" : "false");
      });
    });
  }

  function announce(item, n) {
    if (!live) return;
    var label = item.querySelector(".ballot-text");
    var text = template(live, "item", n).split("{item}").join(label ? label.textContent.trim() : "") + " " + counter.textContent;
    // The same sentence twice in a row is still read: empty the region first.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  var steppers = 0;
  form.querySelectorAll("[data-dots-item]").forEach(function (item) {
    var input = item.querySelector("input.dots-input");
    var stepper = item.querySelector("[data-dots-stepper]");
    if (!input || !stepper) return;
    input.hidden = true;
    stepper.hidden = false;
    steppers += 1;
  });
  if (steppers) {
    form.classList.add("dots-tap");
    // The steppers keep every count in range; a count out of range (the cap lowered since the
    // ballot was cast) would otherwise block the form on a field nobody can see. The server
    // checks the ballot anyway.
    form.noValidate = true;
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-dots-step]");
    if (!button || !form.contains(button)) return;
    event.preventDefault();
    if (button.getAttribute("aria-disabled") === "true") return;
    var item = button.closest("[data-dots-item]");
    var input = item && item.querySelector("input.dots-input");
    if (!input) return;
    var n = Math.max(0, dotsOn(input) + Number(button.getAttribute("data-dots-step")));
    input.value = String(n);
    update();
    announce(item, n);
  });
  // Typed numbers (where the inputs show) count too.
  form.addEventListener("input", update);
  update();
})();
