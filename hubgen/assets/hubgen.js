/* hubgen: what depends on "now" is decided here, in the reader's browser,
   so a page built last week still shows the right next session today.
   Without JavaScript every list shows all sessions in date order. */
(function () {
  "use strict";

  function now() { return Date.now(); }

  function mark(root) {
    var t = now();
    root.querySelectorAll("[data-hg-start][data-hg-end]").forEach(function (el) {
      var start = Date.parse(el.getAttribute("data-hg-start"));
      var end = Date.parse(el.getAttribute("data-hg-end"));
      el.classList.toggle("hg-past", end <= t);
      el.classList.toggle("hg-live", start <= t && t < end);
      el.classList.toggle("hg-future", t < start);
    });
  }

  function upcoming(root) {
    root.querySelectorAll("ol.hg-upcoming").forEach(function (list) {
      var limit = parseInt(list.getAttribute("data-hg-limit") || "0", 10);
      var shown = 0;
      list.querySelectorAll(":scope > li").forEach(function (li) {
        var keep = !li.classList.contains("hg-past") && (!limit || shown < limit);
        li.hidden = !keep;
        li.classList.remove("hg-next");
        if (keep) {
          if (shown === 0 && !li.classList.contains("hg-live")) li.classList.add("hg-next");
          shown += 1;
        }
      });
      var note = list.nextElementSibling;
      if (!shown && !(note && note.classList.contains("hg-none"))) {
        var p = document.createElement("p");
        p.className = "hg-none hg-empty";
        p.textContent = "No upcoming sessions — see the calendar for past ones.";
        list.after(p);
      }
    });
  }

  /* "09:00–16:00 EST" gains "(6:00 AM – 1:00 PM PST your time)" where the reader's zone differs. */
  function localTimes(root) {
    root.querySelectorAll("time[data-hg-local]:not([data-hg-all-day])").forEach(function (el) {
      if (el.nextElementSibling && el.nextElementSibling.classList.contains("hg-yourtime")) return;
      var iso = el.getAttribute("datetime");
      var m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
      if (!m) return;
      var sessionOffset = (m[1] === "-" ? -1 : 1) * (parseInt(m[2], 10) * 60 + parseInt(m[3], 10));
      var start = new Date(iso);
      if (-start.getTimezoneOffset() === sessionOffset) return;
      var endIso = el.getAttribute("data-hg-end");
      var end = endIso ? new Date(endIso) : null;
      var sameDay = end && end.toDateString() === start.toDateString();
      var fmt = new Intl.DateTimeFormat(undefined, {
        weekday: "short", hour: "numeric", minute: "2-digit", timeZoneName: "short"
      });
      var text = fmt.format(start);
      if (end && typeof fmt.formatRange === "function") {
        text = sameDay ? new Intl.DateTimeFormat(undefined, {
          hour: "numeric", minute: "2-digit", timeZoneName: "short"
        }).formatRange(start, end) : fmt.formatRange(start, end);
        if (sameDay) text = new Intl.DateTimeFormat(undefined, { weekday: "short" }).format(start) + " " + text;
      }
      var span = document.createElement("span");
      span.className = "hg-yourtime";
      span.textContent = " (" + text + " your time)";
      el.after(span);
    });
  }

  function run() {
    var root = document;
    mark(root);
    upcoming(root);
    localTimes(root);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
