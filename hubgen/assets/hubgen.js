/* hubgen: what depends on "now" is decided here, in the reader's browser, so a page built
   last week still shows the right next session today:

   - every element with data-hg-start/data-hg-end (ISO instants) is marked hg-past, hg-live or
     hg-future; in each list of sessions the first one still to come is marked "Next" and one on
     now "Live now", with its join link where the page publishes one;
   - lists of class hg-upcoming show only sessions not yet over (data-hg-limit: at most that many);
   - a session's page says when it is on now or over, and once it is over puts its materials and
     recordings first;
   - times gain the reader's own time where their zone differs: "09:00–16:00 EST
     (6:00 AM – 1:00 PM PST your time)";
   - the calendar page gets its filter by program and kind of session (state in the URL).

   Without JavaScript every list shows all sessions in date order, and nothing is hidden that matters.
   Everything here is idempotent: it runs again on Material's instant navigation and every minute. */
(function () {
  "use strict";

  function now() { return Date.now(); }

  function times(el) {
    return [Date.parse(el.getAttribute("data-hg-start")), Date.parse(el.getAttribute("data-hg-end"))];
  }

  function mark(root) {
    var t = now();
    root.querySelectorAll("[data-hg-start][data-hg-end]").forEach(function (el) {
      var se = times(el);
      el.classList.toggle("hg-past", se[1] <= t);
      el.classList.toggle("hg-live", se[0] <= t && t < se[1]);
      el.classList.toggle("hg-future", t < se[0]);
    });
  }

  function badge(li, text, kind) {
    var b = document.createElement("span");
    b.className = "hg-when-badge hg-when-badge--" + kind;
    b.textContent = text;
    var main = li.querySelector(".hg-session__main");
    (main || li).prepend(b, " ");
  }

  /* "Live now" on every session on now, with its join link where published; "Next" on the first one still to
     come on the page (every list that shows it: the calendar's months are one list). */
  function badges(root) {
    var items = Array.prototype.slice.call(root.querySelectorAll("ol.hg-sessions > li.hg-session"));
    var next = Infinity;
    items.forEach(function (li) {
      li.querySelectorAll(".hg-when-badge").forEach(function (b) { b.remove(); });
      var join = li.querySelector(".hg-join-now");
      if (join) join.hidden = true;
      li.classList.remove("hg-next");
      if (!li.classList.contains("hg-session--scheduled") || li.classList.contains("hg-filtered-out")) return;
      if (li.classList.contains("hg-live")) {
        badge(li, "Live now", "live");
        if (join) join.hidden = false;
      } else if (li.classList.contains("hg-future")) {
        next = Math.min(next, times(li)[0]);
      }
    });
    items.forEach(function (li) {
      if (li.classList.contains("hg-future") && li.classList.contains("hg-session--scheduled") &&
          !li.classList.contains("hg-filtered-out") && times(li)[0] === next) {
        li.classList.add("hg-next");
        badge(li, "Next", "next");
      }
    });
  }

  function upcoming(root) {
    root.querySelectorAll("ol.hg-upcoming").forEach(function (list) {
      var limit = parseInt(list.getAttribute("data-hg-limit") || "0", 10);
      var shown = 0;
      list.querySelectorAll(":scope > li").forEach(function (li) {
        var keep = !li.classList.contains("hg-past") && !li.classList.contains("hg-filtered-out") &&
          (!limit || shown < limit);
        li.hidden = !keep;
        if (keep) shown += 1;
      });
      var note = list.nextElementSibling;
      var hasNote = note && note.classList.contains("hg-none");
      if (!shown && !hasNote) {
        var p = document.createElement("p");
        p.className = "hg-none hg-empty";
        p.textContent = "No upcoming sessions — see the calendar for past ones.";
        list.after(p);
      } else if (shown && hasNote) {
        note.remove();
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
      if (isNaN(start.getTime()) || -start.getTimezoneOffset() === sessionOffset) return;
      var endIso = el.getAttribute("data-hg-end");
      var end = endIso ? new Date(endIso) : null;
      var sameDay = end && end.toDateString() === start.toDateString();
      var withDay = new Intl.DateTimeFormat(undefined, {
        weekday: "short", hour: "numeric", minute: "2-digit", timeZoneName: "short"
      });
      var text = withDay.format(start);
      if (end && typeof withDay.formatRange === "function") {
        if (sameDay) {
          text = new Intl.DateTimeFormat(undefined, { weekday: "short" }).format(start) + " " +
            new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZoneName: "short" })
              .formatRange(start, end);
        } else {
          text = withDay.formatRange(start, end);
        }
      }
      var span = document.createElement("span");
      span.className = "hg-yourtime";
      span.textContent = " (" + text + " your time)";
      el.after(span);
    });
  }

  /* A session's own page: on now (with the join link, where published), or over (materials first). */
  function sessionPage(root) {
    var page = root.querySelector(".hg-session-page[data-hg-start]");
    var note = page && page.querySelector("[data-hg-now]");
    if (!note) return;
    note.textContent = "";
    note.hidden = true;
    note.className = "hg-now";
    if (!page.classList.contains("hg-session-page--scheduled")) return;  /* cancelled or postponed: it says so */
    if (page.classList.contains("hg-live")) {
      var strong = document.createElement("strong");
      strong.textContent = "On now.";
      note.append(strong);
      var join = page.querySelector("a.hg-join");
      if (join) {
        var a = document.createElement("a");
        a.className = "hg-join hg-join--now md-button md-button--primary";
        a.href = join.href;
        a.textContent = "Join the session";
        note.append(" ", a);
      }
      note.classList.add("hg-now--live");
      note.hidden = false;
    } else if (page.classList.contains("hg-past")) {
      note.textContent = "This session has taken place.";
      note.classList.add("hg-now--past");
      note.hidden = false;
      var heading = root.querySelector("article h2#materials");
      var list = heading && heading.nextElementSibling;
      if (heading && list && list.classList.contains("hg-materials") && !heading.hasAttribute("data-hg-moved")) {
        note.textContent = "This session has taken place: its materials and recordings come first.";
        heading.setAttribute("data-hg-moved", "");
        Array.prototype.slice.call(list.children)
          .filter(function (li) { return li.classList.contains("hg-material--recording"); })
          .reverse().forEach(function (li) { list.prepend(li); });
        page.after(heading, list);
      }
    }
  }

  /* The calendar page's filter: several values in one facet = OR, across facets = AND; state in the URL. */
  function calendarFilter(root) {
    var form = root.querySelector("form[data-hg-calendar-filter]");
    if (!form || form.hasAttribute("data-hg-ready")) return;
    form.setAttribute("data-hg-ready", "");
    form.hidden = false;
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-hg-facet]"), function (f) {
      return f.getAttribute("data-hg-facet");
    });
    var params = new URLSearchParams(window.location.search);
    facets.forEach(function (facet) {
      var wanted = (params.get(facet) || "").split(",").filter(Boolean);
      form.querySelectorAll("input[name='" + facet + "']").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) >= 0;
      });
    });
    var wide = window.matchMedia && window.matchMedia("(min-width: 60em)").matches;
    form.querySelectorAll("details[data-hg-open-wide]").forEach(function (details) {
      if (wide || details.querySelector("input:checked")) details.open = true;
    });

    function chosen() {
      var out = {};
      facets.forEach(function (facet) {
        out[facet] = Array.prototype.filter.call(form.querySelectorAll("input[name='" + facet + "']"),
          function (box) { return box.checked; }).map(function (box) { return box.value; });
      });
      return out;
    }

    function apply(updateUrl) {
      var want = chosen();
      var items = root.querySelectorAll("ol.hg-sessions > li.hg-session");
      var total = 0, shown = 0;
      items.forEach(function (li) {
        var ok = facets.every(function (facet) {
          return !want[facet].length || want[facet].indexOf(li.getAttribute("data-" + facet)) >= 0;
        });
        li.classList.toggle("hg-filtered-out", !ok);
        if (li.closest("ol.hg-month")) {
          total += 1;
          if (ok) shown += 1;
        }
      });
      root.querySelectorAll("ol.hg-month").forEach(function (list) {
        var empty = !list.querySelector(":scope > li:not(.hg-filtered-out)");
        list.hidden = empty;
        var key = list.getAttribute("data-hg-month");
        var heading = document.getElementById(key);
        if (heading) heading.hidden = empty;
        document.querySelectorAll(".md-nav__link[href='#" + key + "']").forEach(function (a) {
          if (a.parentElement) a.parentElement.hidden = empty;  /* the month in the table of contents */
        });
      });
      var out = form.querySelector("output[data-hg-shown]");
      if (out) out.textContent = shown === total ? total + " sessions" : shown + " of " + total + " sessions";
      if (updateUrl) {
        var url = new URL(window.location.href);
        facets.forEach(function (facet) {
          if (want[facet].length) url.searchParams.set(facet, want[facet].join(","));
          else url.searchParams.delete(facet);
        });
        window.history.replaceState(window.history.state, "", url.toString());
      }
      refresh(root);
    }

    form.addEventListener("change", function () { apply(true); });
    var clear = form.querySelector("[data-hg-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        form.querySelectorAll("input[type='checkbox']").forEach(function (box) { box.checked = false; });
        apply(true);
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }

  function refresh(root) {
    mark(root);
    badges(root);
    upcoming(root);
    sessionPage(root);
  }

  function run() {
    var root = document;
    root.querySelectorAll(".hg-js-only[hidden]").forEach(function (el) { el.hidden = false; });
    calendarFilter(root);
    refresh(root);
    localTimes(root);
  }

  var timer = null;
  function start() {
    run();
    if (timer === null) timer = window.setInterval(function () { refresh(document); }, 60 * 1000);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
