// The projection screen is a stage: whatever the room has written, it fits the screen, from a
// 1280×720 projector to a 4K TV, with no scrollbar and nothing below the fold.
//
// Everything on the screen is sized in rem, so one number scales it all: the root font size.
// The script looks for the largest size at which the board fits. When even the smallest
// readable size cannot hold everything, the board pages instead: each list shows the items of
// the current page, pages turn by themselves every few seconds (and with the arrow keys, for a
// facilitator whose laptop drives the projector), and "2 / 3" says where the room is.
//
// The server renders every item; this script only chooses which are shown, so the page works
// (scrolling) without it, and live refreshes keep the page the room was on.
(function () {
  "use strict";
  var body = document.body;
  if (!body.classList.contains("screen")) return;
  var root = document.documentElement;

  // Sizes of the root font, as shares of the screen's height: the largest is comfortable from
  // the back of a room, the smallest still readable there; pages are read at a middle size.
  var LARGEST = 0.03;
  var SMALLEST = 0.0165;
  var PAGED = 0.0175;
  var TURN_EVERY_MS = 12000;

  var page = 0;
  var pages = [];
  var turnTimer = null;

  function board() {
    return document.querySelector("[data-fit]");
  }

  // The lists whose items may go to later pages: lists and table bodies, and whatever the
  // markup marks `data-fit-items` (a gallery of cards, groups of notes), that are not inside an
  // item of another such list: an item pages as a whole.
  function pageableLists(container) {
    var candidates = Array.prototype.filter.call(
      container.querySelectorAll("ul, ol, tbody, [data-fit-items]"),
      // A list marked `data-fit-whole` (the matrix's legend) is read whole or not at all.
      function (list) { return list.children.length > 1 && !list.closest("[data-fit-whole]"); }
    );
    return candidates.filter(function (list) {
      return !candidates.some(function (other) {
        return other !== list && other.contains(list) && Array.prototype.some.call(other.children, function (item) {
          return item.contains(list);
        });
      });
    });
  }

  function overflows(container) {
    return container.scrollHeight > container.clientHeight + 1 || container.scrollWidth > container.clientWidth + 1;
  }

  function tallerThan(container) {
    return container.scrollHeight > container.clientHeight + 1;
  }

  function setSize(share) {
    root.style.fontSize = (share * window.innerHeight).toFixed(2) + "px";
  }

  function showAll(lists) {
    lists.forEach(function (list) {
      Array.prototype.forEach.call(list.children, function (item) { item.hidden = false; });
    });
  }

  // The pages: for each page, the items each list shows. Built by showing the items left and
  // taking one away at a time from the list that shows the most, until the board fits, so a
  // full quadrant gives way before a sparse one empties.
  function paginate(container, lists) {
    var queues = lists.map(function (list) { return Array.prototype.slice.call(list.children); });
    var lastShown = lists.map(function () { return []; });
    var result = [];
    for (var guard = 0; guard < 30 && queues.some(function (queue) { return queue.length > 0; }); guard++) {
      var shown = lists.map(function (list, index) {
        return queues[index].length > 0 ? queues[index].slice() : lastShown[index].slice();
      });
      var movable = lists.map(function (list, index) { return queues[index].length > 0; });
      lists.forEach(function (list, index) {
        Array.prototype.forEach.call(list.children, function (item) { item.hidden = shown[index].indexOf(item) < 0; });
      });
      while (tallerThan(container)) {
        var widest = -1;
        shown.forEach(function (items, index) {
          if (movable[index] && items.length > 1 && (widest < 0 || items.length > shown[widest].length)) widest = index;
        });
        if (widest < 0) break;
        shown[widest].pop().hidden = true;
      }
      result.push(shown);
      lists.forEach(function (list, index) {
        if (!movable[index]) return;
        queues[index] = queues[index].slice(shown[index].length);
        lastShown[index] = shown[index];
      });
    }
    return result;
  }

  // A chart whose legend pages (the assessment's matrix beside its ranking): the marks whose
  // legend is on another page step back, so each page reads as a whole.
  function markLegend() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-mark]"), function (mark) {
      var entry = document.querySelector('[data-legend="' + mark.getAttribute("data-mark") + '"]');
      mark.classList.toggle("mark-elsewhere", !!entry && entry.hidden);
    });
  }

  function showPage(lists) {
    var indicator = document.querySelector("[data-fit-pages]");
    if (pages.length < 2) {
      if (indicator) indicator.hidden = true;
      markLegend();
      return;
    }
    page = page % pages.length;
    lists.forEach(function (list, index) {
      var shown = pages[page][index];
      Array.prototype.forEach.call(list.children, function (item) { item.hidden = shown.indexOf(item) < 0; });
    });
    if (indicator) {
      indicator.hidden = false;
      indicator.textContent = (page + 1) + " / " + pages.length;
    }
    markLegend();
  }

  function fit() {
    var container = board();
    if (!container) return;
    var lists = pageableLists(container);
    showAll(lists);
    pages = [];
    // The page indicator takes a line of its own under the board: hidden while the sizes are
    // tried, shown while the pages are made, so that they are made for the room it leaves.
    var indicator = document.querySelector("[data-fit-pages]");
    if (indicator) indicator.hidden = true;
    setSize(LARGEST);
    if (overflows(container)) {
      // The largest size that fits, to within a few hundredths.
      var low = SMALLEST;
      var high = LARGEST;
      setSize(low);
      if (overflows(container)) {
        high = low;
      } else {
        for (var step = 0; step < 7; step++) {
          var middle = (low + high) / 2;
          setSize(middle);
          if (overflows(container)) high = middle; else low = middle;
        }
      }
      setSize(low);
      if (high === low) {
        setSize(PAGED);
        if (indicator) { indicator.hidden = false; indicator.textContent = "1 / 1"; }
        pages = paginate(container, lists);
      }
    }
    showPage(pages.length ? lists : []);
    scheduleTurn();
  }

  function turn(by) {
    if (pages.length < 2) return;
    page = (page + by + pages.length) % pages.length;
    showPage(pageableLists(board()));
    scheduleTurn();
  }

  function scheduleTurn() {
    if (turnTimer) window.clearTimeout(turnTimer);
    turnTimer = pages.length > 1 ? window.setTimeout(function () { turn(1); }, TURN_EVERY_MS) : null;
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    if (resizing) window.clearTimeout(resizing);
    resizing = window.setTimeout(fit, 150);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight" || event.key === "PageDown" || event.key === " ") { turn(1); event.preventDefault(); }
    if (event.key === "ArrowLeft" || event.key === "PageUp") { turn(-1); event.preventDefault(); }
  });
  // Time is up: a short chime, for a room that is not looking at the screen. Browsers play
  // sound only once someone has interacted with the page; until then the red clock says it.
  var audio = null;
  function chime() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      audio = audio || new Context();
      if (audio.state === "suspended") audio.resume();
      [0, 0.35].forEach(function (start, index) {
        var tone = audio.createOscillator();
        var volume = audio.createGain();
        tone.frequency.value = index === 0 ? 880 : 660;
        volume.gain.setValueAtTime(0.0001, audio.currentTime + start);
        volume.gain.exponentialRampToValueAtTime(0.3, audio.currentTime + start + 0.02);
        volume.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + start + 0.6);
        tone.connect(volume).connect(audio.destination);
        tone.start(audio.currentTime + start);
        tone.stop(audio.currentTime + start + 0.65);
      });
    } catch (error) {
      /* no sound: the clock still turns red */
    }
  }
  document.addEventListener("converge:timer-over", chime);
  // A click or a key on the projection lets it play sound later.
  function unlockSound() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      audio = audio || new Context();
      if (audio.state === "suspended") audio.resume();
    } catch (error) {
      /* no sound */
    }
  }
  document.addEventListener("pointerdown", unlockSound);
  document.addEventListener("keydown", unlockSound);

  // The live script swaps the board when the room posts: fit the new one, on the same page.
  document.addEventListener("converge:refreshed", fit);
  // Pictures (a photo-language deck) change the board's size once they arrive.
  window.addEventListener("load", fit);
  fit();
})();
