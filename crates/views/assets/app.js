// Converge's live updates. Pages work without this script; with it, the regions marked
// `data-live` refresh when the workshop's event stream says something happened.
// The page is re-fetched (from `data-page`) and only those regions are swapped, so the note
// being typed is never touched, a control in use is left alone until it is done with, and the
// server stays the one place that renders.
(function () {
  "use strict";
  var body = document.body;

  // Timers: the server says when each ends; the page counts down, corrected for the difference
  // between this device's clock and the server's.
  var clockSkew = Number(body.getAttribute("data-now") || Date.now()) - Date.now();
  function tick() {
    document.querySelectorAll("[data-timer-ends]").forEach(function (timer) {
      var left = Math.max(0, Number(timer.getAttribute("data-timer-ends")) - (Date.now() + clockSkew));
      var seconds = Math.ceil(left / 1000);
      var value = timer.querySelector(".timer-value");
      if (value) value.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
      var wasOver = timer.classList.contains("over");
      timer.classList.toggle("over", left === 0);
      var note = timer.querySelector(".timer-over-note");
      if (note) note.hidden = left !== 0;
      // The moment the time runs out while the page is open (not a page opened afterwards).
      if (left === 0 && !wasOver && timer.hasAttribute("data-timer-counted")) {
        document.dispatchEvent(new CustomEvent("converge:timer-over"));
      }
      timer.setAttribute("data-timer-counted", "");
    });
  }
  if (document.querySelector("[data-timer-ends]") || body.getAttribute("data-stream")) window.setInterval(tick, 1000);

  // "Note sent" (`[data-note-sent]`, on the page the redirect after a note lands on): a status
  // region already there when the page loads is not read out, so its words are said again in a
  // hidden one (emptying the visible one would make the form jump). The address loses its
  // `sent`, so that reloading the page later does not say it again.
  var sent = document.querySelector("[data-note-sent]");
  if (sent) {
    var spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("role", "status");
    sent.parentNode.insertBefore(spoken, sent.nextSibling);
    window.setTimeout(function () { spoken.textContent = sent.textContent; }, 100);
    // The box is ready for the next note: the address's anchor (`#text`) has the browser focus
    // it, with or without this script. Once the browser has scrolled to it, the form's top is
    // put in sight (the confirmation and the quadrant above the box), and a browser that did
    // not focus the box is caught up, the form staying where it is.
    var sentForm = sent.closest ? sent.closest("form") : null;
    var box = sentForm && sentForm.querySelector("textarea[name=text]");
    var ready = function () {
      window.setTimeout(function () {
        if (!box || !box.isConnected) return;
        var top = sentForm.getBoundingClientRect().top;
        if (top < 0 || top > 40) sentForm.scrollIntoView({ block: "start" });
        if (document.activeElement !== box) {
          try { box.focus({ preventScroll: true }); } catch (error) { box.focus(); }
        }
      }, 0);
    };
    if (document.readyState === "complete") ready(); else window.addEventListener("load", ready);
    if (window.history && window.history.replaceState && window.URL) {
      var address = new URL(window.location.href);
      address.searchParams.delete("sent");
      window.history.replaceState(window.history.state, "", address.pathname + address.search + address.hash);
    }
  }

  // A board as a PNG for slides (`[data-board-png]`, the address of its SVG): the browser draws
  // the server's SVG on a canvas, with the fonts it names, and saves the picture. Without a
  // script the button stays hidden and the SVG link does the job.
  function showPngButtons() {
    if (!window.fetch || !window.HTMLCanvasElement) return;
    document.querySelectorAll("[data-board-png]").forEach(function (button) { button.hidden = false; });
  }
  showPngButtons();
  document.addEventListener("converge:refreshed", showPngButtons);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-board-png]");
    if (!button) return;
    fetch(button.getAttribute("data-board-png"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("board " + response.status);
        return response.text();
      })
      .then(function (svg) {
        var image = new Image();
        image.onload = function () {
          // Twice the SVG's size: sharp on a slide shown full screen.
          var canvas = document.createElement("canvas");
          canvas.width = image.naturalWidth * 2;
          canvas.height = image.naturalHeight * 2;
          var context = canvas.getContext("2d");
          context.scale(2, 2);
          context.drawImage(image, 0, 0);
          var link = document.createElement("a");
          link.href = canvas.toDataURL("image/png");
          link.download = button.getAttribute("data-board-png-name") || "board.png";
          document.body.appendChild(link);
          link.click();
          link.remove();
        };
        image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
      })
      .catch(function () { window.location.assign(button.getAttribute("data-board-png")); });
  });

  var stream = body.getAttribute("data-stream");
  if (!stream || !window.EventSource || !window.fetch || !window.DOMParser) return;

  var status = document.querySelector("[data-live-status]");
  var pending = null;
  var inFlight = false;
  var again = false;
  var deferred = false;
  // Once the page is on its way elsewhere (following the focus), nothing may send it back: a
  // refresh of this page that lands after the focus moved would load it again, past the event.
  var leaving = false;
  function leave(target) {
    leaving = true;
    if (pending) { window.clearTimeout(pending); pending = null; }
    window.location.assign(target);
  }

  // `sentFrom`: the live region holding the form the facilitator just sent; it is swapped
  // whatever it holds (its button has the focus, its fields what was just sent).
  function swapRegions(html, sentFrom) {
    if (leaving) return;
    var fresh = new DOMParser().parseFromString(html, "text/html");
    // An activity that opened or closed changes which forms the page shows (a note form, a
    // ballot, the results): load the page afresh then, unless something is being typed.
    var stateNow = document.querySelector("[data-live-state]");
    var stateFresh = fresh.querySelector("[data-live-state]");
    var stateChanged = stateNow && stateFresh &&
      stateNow.getAttribute("data-live-state") !== stateFresh.getAttribute("data-live-state");
    // A form that appears or goes (brainwriting starting, a round's ideas spent) counts too.
    var formChanged = Boolean(document.getElementById("note-form")) !== Boolean(fresh.getElementById("note-form"));
    if (stateChanged || (stateNow && formChanged)) {
      var typing = Array.prototype.some.call(document.querySelectorAll("main textarea"), function (field) {
        return field.value.trim() !== "";
      });
      if (!typing) {
        leave(body.getAttribute("data-page") || window.location.href);
        return;
      }
    }
    var refocus = null;
    document.querySelectorAll("[data-live]").forEach(function (region) {
      var replacement = region.id && fresh.getElementById(region.id);
      if (!replacement) return;
      // Someone is using a control in this region (choosing a role, say): leave it for now and
      // look again shortly, rather than pull it from under their finger. A button that has the
      // focus (the last one pressed) is not in use: it is replaced, and the focus goes to its
      // replacement.
      if (region !== sentFrom) {
        var active = document.activeElement;
        if (active && active.tagName === "BUTTON" && active.form && region.contains(active)) {
          refocus = whereIs(active.form, active);
        } else if (active && active !== document.body && region.contains(active)) { deferred = true; return; }
        // A form here holds choices not sent yet (a risk's likelihood picked, its impact not
        // yet): keep them; the region is refreshed by the next event once they are sent or undone.
        if (holdsUnsentChoices(region)) return;
      }
      region.replaceWith(replacement);
    });
    if (refocus) putFocusBack(refocus);
    // Scripts that lay out what they were given (the projection's fitting) lay out again.
    document.dispatchEvent(new CustomEvent("converge:refreshed"));
  }

  // True when a form of the region that asks for it (`data-keep-choices`) holds choices not sent
  // yet. Phones do not always focus a radio button on a tap, so focus alone does not tell. Forms
  // that send themselves in the background (sorting) do not ask: what they show was sent.
  function holdsUnsentChoices(region) {
    var fields = region.querySelectorAll("form[data-keep-choices] input, form[data-keep-choices] textarea");
    return Array.prototype.some.call(fields, function (field) {
      if (field.type === "radio" || field.type === "checkbox") return field.checked !== field.defaultChecked;
      if (field.type === "hidden" || field.type === "submit" || field.type === "button") return false;
      return field.value !== field.defaultValue;
    });
  }

  function refresh() {
    pending = null;
    if (leaving) return;
    if (inFlight) { again = true; return; }
    inFlight = true;
    fetch(body.getAttribute("data-page") || window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "converge-live" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html) swapRegions(html); })
      .catch(function () { /* the next event or reconnect brings the page up to date */ })
      .then(function () {
        inFlight = false;
        if (again) { again = false; schedule(); }
        else if (deferred) { deferred = false; afterFocusMoves(); }
      });
  }

  // A region left alone because a control in it had the focus is refreshed once the focus moves
  // on, not by polling: a focus that stays put (a field the facilitator is reading) costs nothing.
  var waitingForFocus = false;
  function afterFocusMoves() {
    if (waitingForFocus) return;
    waitingForFocus = true;
    document.addEventListener("focusout", function moved() {
      document.removeEventListener("focusout", moved);
      waitingForFocus = false;
      schedule();
    });
  }

  // Several events in a burst (a whole room posting) cost one refresh.
  function schedule() {
    if (!pending) pending = window.setTimeout(refresh, 120);
  }

  // The console acts in place (`body.console`: the console and an activity's page): a control
  // is sent in the background, the page it comes back to is read, and its live regions are
  // swapped, so the facilitator keeps their place on the page and the focus stays on the control
  // (or what replaced it). A control that leads to another page (a new activity's) goes there.
  // A refusal is shown, in the server's words, beside the control. Forms that upload a file, or
  // that ask for a page load (`data-reload`), are sent as usual; so is everything without this
  // script.
  var acts = 0;
  if (body.classList.contains("console") && window.URLSearchParams && window.FormData) {
    document.addEventListener("submit", function (submitted) {
      var form = submitted.target;
      // A script of the page already sends this one its own way (sorting by drag and drop).
      if (submitted.defaultPrevented) return;
      if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
      if (form.hasAttribute("data-reload") || form.enctype === "multipart/form-data") return;
      var control = submitted.submitter || null;
      var data;
      try { data = new URLSearchParams(new FormData(form, control)); } catch (error) { return; }
      submitted.preventDefault();
      if (form.getAttribute("aria-busy") === "true") return;
      form.setAttribute("aria-busy", "true");
      var place = whereIs(form, control);
      var x = window.scrollX;
      var y = window.scrollY;
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "converge-live" }
      })
        .then(function (response) {
          return response.text().then(function (html) {
            form.removeAttribute("aria-busy");
            if (!response.ok) { showRefusal(form, html); acted(); return; }
            var landed = new URL(response.url);
            if (landed.pathname !== window.location.pathname) { window.location.assign(response.url); return; }
            var region = form.closest("[data-live]");
            swapRegions(html, region);
            var seq = new DOMParser().parseFromString(html, "text/html").body.getAttribute("data-seq");
            if (seq) body.setAttribute("data-seq", seq);
            window.scrollTo(x, y);
            putFocusBack(place);
            acted();
          });
        })
        .catch(function () {
          form.removeAttribute("aria-busy");
          showRefusal(form, "");
          acted();
        });
    });
  }

  // The page has answered a control, in place: `data-acted` counts the answers.
  function acted() {
    acts += 1;
    body.setAttribute("data-acted", String(acts));
    document.dispatchEvent(new CustomEvent("converge:acted"));
  }

  // What names a control across a swap: its form's address, its name and value, and the
  // activity card and live region it sits in.
  function whereIs(form, control) {
    var card = form.closest("[data-activity]");
    var region = form.closest("[data-live]");
    return {
      action: form.getAttribute("action"),
      name: control && control.getAttribute("name"),
      value: control && control.getAttribute("value"),
      id: control && control.id,
      card: card && card.getAttribute("data-activity"),
      region: region && region.id
    };
  }

  function putFocusBack(place) {
    var target = null;
    if (place.id) target = document.getElementById(place.id);
    if (!target) {
      Array.prototype.some.call(document.querySelectorAll("form[method=post]"), function (form) {
        if (form.getAttribute("action") !== place.action) return false;
        var buttons = form.querySelectorAll("button");
        target = Array.prototype.find.call(buttons, function (button) {
          return button.getAttribute("name") === place.name && button.getAttribute("value") === place.value;
        }) || buttons[0] || null;
        return Boolean(target);
      });
    }
    // The control gave way to another (pause for start): the first control of the same card.
    if (!target && place.card) {
      var card = document.querySelector('[data-activity="' + place.card + '"]');
      target = card && card.querySelector("button, a[href], select, input:not([type=hidden])");
    }
    if (!target && place.region) {
      var region = document.getElementById(place.region);
      target = region && region.querySelector("button, a[href], select, input:not([type=hidden])");
    }
    if (target) target.focus({ preventScroll: true });
  }

  // The server's words for a refusal (its page's alert), beside the form that was refused.
  function showRefusal(form, html) {
    var words = "";
    if (html) {
      var alert = new DOMParser().parseFromString(html, "text/html").querySelector("[role=alert]");
      words = alert ? alert.textContent.trim() : "";
    }
    // No answer at all: the words of the line that says the connection is lost.
    if (!words && status) words = status.textContent.trim();
    var shown = form.nextElementSibling;
    if (!(shown && shown.hasAttribute("data-refusal"))) {
      shown = document.createElement("p");
      shown.className = "error";
      shown.setAttribute("role", "alert");
      shown.setAttribute("data-refusal", "");
      form.parentNode.insertBefore(shown, form.nextSibling);
    }
    shown.textContent = words;
  }

  // Which events change this page: a phone on one activity ignores the others' notes and the
  // room's arrivals, so a busy room does not make every phone re-fetch at every note.
  var kinds = (body.getAttribute("data-live-kinds") || "").split(" ").filter(Boolean);
  var related = (body.getAttribute("data-live-activity") || "").split(" ").filter(Boolean);
  function concernsThisPage(data) {
    try {
      var event = JSON.parse(data);
      if (kinds.length && kinds.indexOf(event.kind) < 0) return false;
      var about = event.payload && event.payload.activity_id;
      return !(related.length && about && related.indexOf(about) < 0);
    } catch (error) {
      return true;
    }
  }

  // When the facilitator sends every screen to an activity, a participant's page goes there.
  var focusBase = body.getAttribute("data-follow-focus");
  function followFocus(data) {
    if (!focusBase) return false;
    try {
      var event = JSON.parse(data);
      if (event.kind !== "focus_changed" || !event.payload.activity_id) return false;
      var target = focusBase + event.payload.activity_id;
      if (window.location.pathname === target) return false;
      // Nobody is taken away from what they are doing: a note, a card, dots placed, a stance
      // ticked, a choice made but not sent yet.
      var typing = document.querySelector("#note-form textarea");
      if (typing && typing.value.trim() !== "") return false;
      var edited = Array.prototype.some.call(document.querySelectorAll("form input, form textarea, form select"), function (field) {
        if (field.type === "hidden" || field.type === "submit") return false;
        if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
        if (field.tagName === "SELECT") {
          // A select with no option marked selected shows its first one: that is its default.
          var marked = Array.prototype.findIndex.call(field.options, function (option) { return option.defaultSelected; });
          return field.selectedIndex !== (marked < 0 ? 0 : marked);
        }
        return field.value !== field.defaultValue;
      });
      if (edited) return false;
      leave(target);
      return true;
    } catch (error) {
      return false;
    }
  }

  var after = body.getAttribute("data-seq") || "0";
  // The stream's address may carry a query already (a screen opened by its link has its token).
  var source = new EventSource(stream + (stream.indexOf("?") < 0 ? "?" : "&") + "after=" + encodeURIComponent(after));
  source.onmessage = function (message) {
    if (status) status.hidden = true;
    if (followFocus(message.data)) return;
    if (concernsThisPage(message.data)) schedule();
  };
  source.onopen = function () {
    if (status && !status.hidden) { status.hidden = true; schedule(); }
  };
  source.onerror = function () {
    // The browser reconnects by itself and sends Last-Event-ID; nothing is missed.
    if (status) status.hidden = false;
    // A stream refused for good (this person was removed, the workshop deleted, the session
    // ended) does not come back: show the page as it now is, with the server's explanation.
    if (source.readyState === EventSource.CLOSED) {
      fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "converge-live" } })
        .then(function (response) { if (response.status === 401 || response.status === 403 || response.status === 404) window.location.reload(); })
        .catch(function () { /* offline: the status line already says so */ });
    }
  };
})();
