/* hubgen: what depends on "now" is decided here, in the reader's browser, so a page built
   last week still shows the right next session today:

   - every element with data-hg-start/data-hg-end (ISO instants) is marked hg-past, hg-live or
     hg-future, and data-hg-state says which moment of its day it is: upcoming, tomorrow, today, soon
     (the hub's lead time, data-hg-soon), live, ended (just now) or past;
   - in each list of sessions the first scheduled one still to come is marked "Next" ("Today",
     "Tomorrow", "In 40 min") and one on now "Live now", with its join link where the page publishes
     one; a cancelled or postponed session is never next;
   - lists of class hg-upcoming show only sessions not yet over (data-hg-limit: at most that many
     scheduled ones); a list of what is next (data-hg-next) keeps one that has just ended; a cohort
     that has ended says so, with its recordings and the next cohort;
   - a session's page says its moment first, with the one action that matters then: what to read,
     Join, then its recording and materials;
   - times gain the reader's own time where their zone differs: "09:00–16:00 EST
     (6:00 AM – 1:00 PM PST your time)";
   - the calendar page gets its filter by program and kind of session (state in the URL).

   Without JavaScript every list shows all sessions in date order, and nothing is hidden that matters.
   Everything here is idempotent: it runs again on Material's instant navigation and every minute. */
(function () {
  "use strict";

  function now() { return Date.now(); }

  /* The hub's language (mkdocs.yml theme.language): what these scripts write, from the catalog of the domain
     hubgen_js (hubgen/locale/<lang>/LC_MESSAGES/hubgen_js.po) that partials/hubgen/i18n.html puts in the page as
     JSON; English where the page has none or the catalog lacks a message. tr("In {n} min", {n: 5});
     ntr("{n} past session", "{n} past sessions", n) picks the form by the language's plural rules (the catalog's
     forms keyed by CLDR category, Intl.PluralRules in the browser). facets.js and community.js use window.hgI18n. */
  var I18N = (function () {
    var el = document.getElementById("hg-i18n");
    try { return (el && JSON.parse(el.textContent)) || {}; } catch (e) { return {}; }
  })();
  var MESSAGES = I18N.messages || {};
  /* Intl's locale: the page's language where it has a catalog, else the reader's browser's (as before) */
  var LOCALES = I18N.lang ? [I18N.lang] : undefined;

  function fill(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return vars && Object.prototype.hasOwnProperty.call(vars, key) ? String(vars[key]) : whole;
    });
  }

  function tr(msgid, vars) {
    var text = MESSAGES[msgid];
    return fill(typeof text === "string" && text ? text : msgid, vars);
  }

  function ntr(singular, plural, n, vars) {
    var forms = MESSAGES[singular];
    var all = Object.assign({ n: n }, vars || {});
    if (Array.isArray(forms) && I18N.plural && window.Intl && Intl.PluralRules) {
      var index = I18N.plural[new Intl.PluralRules(I18N.lang).select(n)];
      if (index === undefined) index = I18N.plural.other;
      if (forms[index]) return fill(forms[index], all);
    }
    return fill(n === 1 ? singular : plural, all);
  }

  window.hgI18n = { tr: tr, ntr: ntr, locales: LOCALES };

  /* The library's and showcase's filter (facets.js, beside this script) is fetched only by a page that has one
     (facets.js' markup contract): not with every page. Once loaded it follows Material's instant navigation itself
     (document$ replays the page shown to it, then each new one). */
  var ownScript = document.currentScript || document.querySelector('script[src*="assets/hubgen/hubgen.js"]');
  var HERE = ownScript && ownScript.src ? ownScript.src : null;
  var FACETS = HERE ? new URL("facets.js", HERE).href : null;
  function facets(root) {
    if (!FACETS || window.hgFacetsRequested || !root.querySelector("form.hg-filters[data-hg-filter]")) return;
    window.hgFacetsRequested = true;
    var script = document.createElement("script");
    script.src = FACETS;
    document.head.append(script);
  }

  /* The same for a page with a discussion or a video player (community.js and community.css: what they look like
     and do once pressed; what they take up on the page is in hubgen.css, so nothing moves when these come). */
  function community(root) {
    if (!HERE || window.hgCommunityRequested || !root.querySelector("[data-hg-discussion], [data-hg-embed]")) return;
    window.hgCommunityRequested = true;
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = new URL("community.css", HERE).href;
    var script = document.createElement("script");
    script.src = new URL("community.js", HERE).href;
    document.head.append(sheet, script);
  }

  function times(el) {
    return [Date.parse(el.getAttribute("data-hg-start")), Date.parse(el.getAttribute("data-hg-end"))];
  }

  /* The session day's states (README "Session states"): upcoming → tomorrow → today → soon (the hub's lead time,
     data-hg-soon, in minutes) → live → ended (for JUST_ENDED after its end) → past. */
  var JUST_ENDED = 3 * 60 * 60 * 1000;
  var MINUTE = 60 * 1000;

  function lead(el) {
    var holder = el.closest("[data-hg-soon]");
    var minutes = holder ? parseInt(holder.getAttribute("data-hg-soon"), 10) : NaN;
    return (isNaN(minutes) ? 15 : minutes) * MINUTE;
  }

  function localDay(t) {
    var d = new Date(t);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / (24 * 60 * MINUTE);
  }

  function state(el, t) {
    var se = times(el);
    if (se[1] <= t) return t - se[1] < JUST_ENDED ? "ended" : "past";
    if (se[0] <= t) return "live";
    if (se[0] - t <= lead(el)) return "soon";
    var days = localDay(se[0]) - localDay(t);
    return days <= 0 ? "today" : days === 1 ? "tomorrow" : "upcoming";
  }

  function minutesUntil(el, t) { return Math.max(1, Math.ceil((times(el)[0] - t) / MINUTE)); }

  /* Times on the hub's clock (data-hg-clock: 12 or 24, README "Session states"): one format on a line. */
  function hour12(el) {
    var holder = el && el.closest("[data-hg-clock]");
    return holder ? holder.getAttribute("data-hg-clock") === "12" : undefined;
  }

  function clock(t, el) {
    return new Intl.DateTimeFormat(LOCALES, { hour: "numeric", minute: "2-digit", hour12: hour12(el) })
      .format(new Date(t));
  }

  function mark(root) {
    var t = now();
    root.querySelectorAll("[data-hg-start][data-hg-end]").forEach(function (el) {
      var se = times(el);
      el.classList.toggle("hg-past", se[1] <= t);
      el.classList.toggle("hg-live", se[0] <= t && t < se[1]);
      el.classList.toggle("hg-future", t < se[0]);
      el.setAttribute("data-hg-state", state(el, t));
    });
  }

  function badge(li, text, kind) {
    var b = document.createElement("span");
    b.className = "hg-when-badge hg-when-badge--" + kind;
    b.textContent = text;
    var main = li.querySelector(".hg-session__main");
    (main || li).prepend(b, " ");
  }

  /* What the first session still to come is called: "In 40 min", "Today", "Tomorrow" or "Next". */
  function nextText(li, t) {
    var st = li.getAttribute("data-hg-state");
    if (st === "soon") return tr("In {n} min", { n: minutesUntil(li, t) });
    return st === "today" ? tr("Today") : st === "tomorrow" ? tr("Tomorrow") : tr("Next");
  }

  /* "Live now" on every session on now, with its join link where published (from the hub's lead time before its
     start too); "Just ended" on one just over; "Next" (or "Today", "In 40 min") on the first scheduled one still to
     come on the page (every list that shows it: the calendar's months are one list). Cancelled and postponed
     sessions are never next. */
  function badges(root) {
    var t = now();
    var items = Array.prototype.slice.call(root.querySelectorAll("ol.hg-sessions > li.hg-session"));
    /* The page's lists share one "next"; a list of what is next for the reader (data-hg-next) has its own. */
    var next = {};
    function group(li) {
      var own = li.closest("ol[data-hg-next]");
      return own ? own : root;
    }
    var groups = [];
    items.forEach(function (li) {
      li.querySelectorAll(".hg-when-badge").forEach(function (b) { b.remove(); });
      var join = li.querySelector(".hg-join-now");
      if (join) join.hidden = true;
      li.classList.remove("hg-next");
      if (!li.classList.contains("hg-session--scheduled") || li.classList.contains("hg-filtered-out")) return;
      var st = li.getAttribute("data-hg-state");
      if (st === "live") {
        badge(li, tr("Live now"), "live");
        if (join) join.hidden = false;
      } else if (st === "ended" && li.closest("ol[data-hg-next]")) {
        badge(li, tr("Just ended"), "ended");
      } else if (li.classList.contains("hg-future")) {
        var g = groups.indexOf(group(li));
        if (g < 0) { groups.push(group(li)); g = groups.length - 1; }
        next[g] = Math.min(next[g] === undefined ? Infinity : next[g], times(li)[0]);
      }
    });
    items.forEach(function (li) {
      if (li.classList.contains("hg-future") && li.classList.contains("hg-session--scheduled") &&
          !li.classList.contains("hg-filtered-out") && times(li)[0] === next[groups.indexOf(group(li))]) {
        var st = li.getAttribute("data-hg-state");
        li.classList.add("hg-next");
        badge(li, nextText(li, t), st === "soon" ? "soon" : "next");
        var join = li.querySelector(".hg-join-now");
        if (join && st === "soon") join.hidden = false;
      }
    });
  }

  /* Lists of what is coming up: sessions not yet over, the first data-hg-limit scheduled ones (a cancelled or
     postponed one among them shown, not counted). A list of what is next (data-hg-next: the home page's panel, a
     cohort's "Next session") shows scheduled sessions only, and keeps one that has just ended (its recording). */
  function upcoming(root) {
    /* What is next for the reader first: the home page's "Coming up" then leaves out what their "My program" panel
       shows (the same session twice within two screens), and still shows its limit of others. */
    var lists = Array.prototype.slice.call(root.querySelectorAll("ol.hg-upcoming"));
    function nextFirst(list) { return list.hasAttribute("data-hg-next") ? 0 : 1; }
    lists.sort(function (a, b) { return nextFirst(a) - nextFirst(b); });
    var inPanel = {};
    lists.forEach(function (list) {
      var limit = parseInt(list.getAttribute("data-hg-limit") || "0", 10);
      var nextOnly = list.hasAttribute("data-hg-next");
      /* data-hg-within: only what starts within that many days (the Prepare page's "Due soon": two weeks) */
      var within = parseFloat(list.getAttribute("data-hg-within") || "0") * 24 * 60 * MINUTE;
      var t = now();
      var counted = 0, shown = 0;
      list.querySelectorAll(":scope > li").forEach(function (li) {
        var st = li.getAttribute("data-hg-state");
        var scheduled = !li.classList.contains("hg-session") || li.classList.contains("hg-session--scheduled");
        var keep;
        if (li.classList.contains("hg-filtered-out") || st === "past") keep = false;
        else if (!nextOnly && inPanel[sessionHref(li)]) keep = false;
        else if (within && times(li)[0] > t + within) keep = false;
        else if (st === "ended") keep = nextOnly && scheduled;
        else if (!scheduled) keep = !nextOnly && (!limit || counted < limit);
        else {
          keep = !limit || counted < limit;
          if (keep) counted += 1;
        }
        li.hidden = !keep;
        if (keep) shown += 1;
        if (keep && nextOnly && list.closest("[data-hg-mine-panel]:not([hidden])")) inPanel[sessionHref(li)] = true;
      });
      var note = list.nextElementSibling;
      var hasNote = note && note.classList.contains("hg-none");
      var ended = list.parentElement && list.parentElement.querySelector("[data-hg-ended]");
      if (ended) ended.hidden = counted > 0;  /* a cohort over: its recordings, materials and the next cohort */
      if (!counted && !shown && !hasNote && !ended) {
        var p = document.createElement("p");
        p.className = "hg-none hg-empty";
        p.textContent = list.getAttribute("data-hg-empty") || tr("No upcoming sessions — see the calendar for past ones.");
        list.after(p);
      } else if ((shown || ended) && hasNote) {
        note.remove();
      }
    });
  }

  function sessionHref(li) {
    var a = li.querySelector("a.hg-session__title");
    return a ? a.href : "";
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
      var h12 = hour12(el);
      var withDay = new Intl.DateTimeFormat(LOCALES, {
        weekday: "short", hour: "numeric", minute: "2-digit", timeZoneName: "short", hour12: h12
      });
      var text = withDay.format(start);
      if (end && typeof withDay.formatRange === "function") {
        if (sameDay) {
          text = new Intl.DateTimeFormat(LOCALES, { weekday: "short" }).format(start) + " " +
            new Intl.DateTimeFormat(LOCALES, { hour: "numeric", minute: "2-digit", timeZoneName: "short", hour12: h12 })
              .formatRange(start, end);
        } else {
          text = withDay.formatRange(start, end);
        }
      }
      var span = document.createElement("span");
      span.className = "hg-yourtime";
      span.textContent = " " + tr("({time} your time)", { time: text });
      el.after(span);
    });
  }

  /* A session's own page: its state in words and the one action that matters now (the pieces of [data-hg-now], each
     for the states its data-hg-for names): Join when it is about to start or on; what to read before; once over,
     its recording and materials first. */
  function sessionPage(root) {
    var page = root.querySelector(".hg-session-page[data-hg-start]");
    var note = page && page.querySelector("[data-hg-now]");
    if (!note) return;
    var t = now();
    var st = page.getAttribute("data-hg-state") || state(page, t);
    var se = times(page);
    var days = localDay(se[0]) - localDay(t);
    var words = {
      upcoming: ntr("In {n} day", "In {n} days", days),
      tomorrow: tr("Tomorrow"),
      today: tr("Today"),
      soon: tr("Starting in {n} min", { n: minutesUntil(page, t) }),
      live: tr("Live now"),
      ended: tr("Just ended"),
      past: tr("This session has taken place.")
    };
    var when = {
      tomorrow: tr("at {time}", { time: clock(se[0], page) }),
      today: tr("at {time}", { time: clock(se[0], page) }),
      soon: tr("at {time}", { time: clock(se[0], page) }),
      live: tr("until {time}", { time: clock(se[1], page) })
    };
    if (page.hasAttribute("data-hg-all-day")) { when = {}; }
    note.querySelector("[data-hg-now-state]").textContent = words[st];
    note.querySelector("[data-hg-now-when]").textContent = when[st] || "";
    note.querySelectorAll("[data-hg-for]").forEach(function (part) {
      part.hidden = part.getAttribute("data-hg-for").split(" ").indexOf(st) < 0;
    });
    note.className = "hg-now hg-now--" + st;
    note.hidden = false;
    if (st === "ended" || st === "past") {
      /* Over: nothing to join or add to a calendar (the CSS hides both), its materials first. */
      var heading = root.querySelector("article h2#materials");
      var list = heading && heading.nextElementSibling;
      if (heading && list && list.classList.contains("hg-materials") && !heading.hasAttribute("data-hg-moved")) {
        heading.setAttribute("data-hg-moved", "");
        Array.prototype.slice.call(list.children)
          .filter(function (li) { return li.classList.contains("hg-material--recording"); })
          .reverse().forEach(function (li) { list.prepend(li); });
        page.after(heading, list);
      }
    }
  }

  /* The Prepare page: the sessions over by the reader's clock folded into "N past sessions" at its end (a closed
     <details> prints nothing: a current cohort's page prints as a handout of what is to come). */
  function prepareFold(root) {
    var fold = root.querySelector("details[data-hg-past-fold]");
    if (!fold) return;
    var box = fold.parentElement;
    if (box.lastElementChild !== fold) box.append(fold);
    var sections = Array.prototype.slice.call(box.querySelectorAll(".hg-prepare__session"));
    var toCome = sections.some(function (section) { return !section.classList.contains("hg-past"); });
    var past = 0;
    sections.forEach(function (section) {
      /* A cohort over: nothing to come, so nothing folded (its page is the record of what was read). */
      var over = toCome && section.classList.contains("hg-past");
      if (over) past += 1;
      if (over && section.parentElement !== fold) fold.append(section);
      else if (!over && section.parentElement === fold) box.insertBefore(section, fold);
    });
    fold.hidden = !past;
    fold.querySelector("summary").textContent = ntr("{n} past session", "{n} past sessions", past);
    /* On paper, the sessions more than 4 weeks ahead print as one line each (print.css); the first says "Later". */
    var first = true;
    sections.forEach(function (section) {
      var later = !section.classList.contains("hg-past") && times(section)[0] > now() + PRINT_AHEAD;
      section.classList.toggle("hg-prepare__session--later", later);
      section.classList.toggle("hg-prepare__session--first-later", later && first);
      if (later) first = false;
    });
  }
  var PRINT_AHEAD = 28 * 24 * 60 * MINUTE;

  /* The Prepare page: an assignment whose due day is over by the reader's clock is not shown as due under a session
     still to come (nor after the last session); a past session keeps its own, as the record of what was set. A list
     left empty goes with its heading. */
  function pastDue(root) {
    var lists = [];
    root.querySelectorAll("li.hg-assignment[data-hg-end]").forEach(function (li) {
      var section = li.closest(".hg-prepare__session");
      li.hidden = li.classList.contains("hg-past") && !(section && section.classList.contains("hg-past"));
      if (lists.indexOf(li.parentElement) < 0) lists.push(li.parentElement);
    });
    lists.forEach(function (list) {
      var empty = !list.querySelector(":scope > li:not([hidden])");
      list.hidden = empty;
      var heading = list.previousElementSibling;
      if (heading && /^H[23]$/.test(heading.tagName)) heading.hidden = empty;
    });
  }

  /* Subscribe links: webcal:// opens nothing on most Android phones, so there the choices are those that work. */
  function subscribeLinks(root) {
    if (!/Android/i.test(window.navigator.userAgent || "")) return;
    root.querySelectorAll(".hg-subscribe__apple").forEach(function (li) { li.hidden = true; });
  }

  /* "My program": the reader's choice of program ("p") or cohort ("p/c"), kept in this browser only. */
  var MINE_KEY = "hubgen.mine";

  function mine() {
    try { return window.localStorage.getItem(MINE_KEY) || ""; } catch (e) { return ""; }
  }

  function setMine(value) {
    try {
      if (value) window.localStorage.setItem(MINE_KEY, value);
      else window.localStorage.removeItem(MINE_KEY);
    } catch (e) { /* storage off: the choice lasts as long as the page */ }
  }

  /* The home page's "My program" block (fragments/my-program.html.j2): the chooser and the chosen panel. */
  function myProgram(root) {
    var block = root.querySelector("[data-hg-mine]");
    if (!block) return;
    var select = block.querySelector("[data-hg-mine-select]");
    var hint = block.querySelector("[data-hg-mine-hint]");
    function show(value) {
      var found = false;
      block.querySelectorAll("[data-hg-mine-panel]").forEach(function (panel) {
        panel.hidden = panel.getAttribute("data-hg-mine-panel") !== value;
        if (!panel.hidden) found = true;
      });
      if (!found) value = "";
      if (select) select.value = value;
      if (hint) hint.hidden = !!value;
      block.classList.toggle("hg-mine--chosen", !!value);
    }
    if (select && !select.hasAttribute("data-hg-ready")) {
      select.setAttribute("data-hg-ready", "");
      select.addEventListener("change", function () {
        setMine(select.value);
        keepOffline();
        show(select.value);
        refresh(document);
      });
    }
    show(mine());
  }

  /* "My progress": the readings the reader has ticked as read, in this browser only (like "My program"). A box beside
     each reading of a session page and of the home page's next session; the panel says what is left to read. */
  var READ_KEY = "hubgen.read";

  function readIds() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(READ_KEY) || "[]");
      return Array.isArray(ids) ? ids : [];
    } catch (e) { return []; }
  }

  function markRead(id, on) {
    var ids = readIds().filter(function (x) { return x !== id; });
    if (on) ids.push(id);
    try { window.localStorage.setItem(READ_KEY, JSON.stringify(ids)); } catch (e) { /* storage off */ }
  }

  function readingOf(a) {
    var m = a && /\/library\/([^/]+)\/(?:index\.html)?$/.exec(new URL(a.href, window.location.href).pathname);
    return m ? m[1] : "";
  }

  /* As the pages say it (hubgen/site/eventtext.py minutes_text): "45 min", "1 h", "1 h 30 min". */
  function minutesText(n) {
    var h = Math.floor(n / 60), m = n % 60;
    return h ? h + " h" + (m ? " " + m + " min" : "") : m + " min";
  }

  function tickBox(id, title) {
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "hg-read";
    box.setAttribute("data-hg-read", id);
    box.setAttribute("aria-label", tr("Read: {title}", { title: title }));
    box.title = tr("Mark as read (kept in this browser only)");
    return box;
  }

  function progress(root) {
    var read = readIds();
    root.querySelectorAll("article .hg-readings > li.hg-reading").forEach(function (li) {
      var a = li.querySelector("a.hg-reading__title");
      var id = readingOf(a);
      if (id && !li.querySelector("input[data-hg-read]")) li.prepend(tickBox(id, a.textContent.trim()), " ");
    });
    root.querySelectorAll("[data-hg-reading]").forEach(function (one) {
      if (!one.querySelector("input[data-hg-read]")) {
        one.prepend(tickBox(one.getAttribute("data-hg-reading"), one.textContent.trim()), " ");
      }
    });
    root.querySelectorAll("input[data-hg-read]").forEach(function (box) {
      box.checked = read.indexOf(box.getAttribute("data-hg-read")) >= 0;
      var holder = box.closest("li.hg-reading, [data-hg-reading]");
      if (holder) holder.classList.toggle("hg-is-read", box.checked);
    });
    root.querySelectorAll("[data-hg-left]").forEach(function (left) {
      var all = Array.prototype.slice.call(left.parentElement.querySelectorAll("[data-hg-reading]"));
      var todo = all.filter(function (one) { return read.indexOf(one.getAttribute("data-hg-reading")) < 0; });
      var minutes = todo.reduce(function (n, one) { return n + parseInt(one.getAttribute("data-hg-minutes"), 10); }, 0);
      var counts = { left: todo.length, total: all.length, time: minutesText(minutes) };
      left.textContent = " — " + (!todo.length ? tr("all read.") : minutes
        ? tr("left to read: {left} of {total} (about {time})", counts) : tr("left to read: {left} of {total}", counts));
      left.hidden = false;
    });
    thisWeek(root, read);
  }

  /* The panel's "This week": the required readings of its scheduled sessions in the next 7 days by the reader's clock
     (a series' reading counted once), what is left of them and about how long it takes. */
  var WEEK = 7 * 24 * 60 * MINUTE;
  function thisWeek(root, read) {
    read = read || readIds();
    var t = now();
    root.querySelectorAll("[data-hg-week]").forEach(function (out) {
      var panel = out.closest("[data-hg-mine-panel]") || out.parentElement;
      var sessions = Array.prototype.filter.call(panel.querySelectorAll("li.hg-session--scheduled[data-hg-start]"),
        function (li) { var at = times(li); return at[1] > t && at[0] < t + WEEK; });
      var minutes = {}, ids = [];
      sessions.forEach(function (li) {
        li.querySelectorAll("[data-hg-reading]").forEach(function (one) {
          var id = one.getAttribute("data-hg-reading");
          if (ids.indexOf(id) < 0) ids.push(id);
          minutes[id] = parseInt(one.getAttribute("data-hg-minutes"), 10) || 0;
        });
      });
      var todo = ids.filter(function (id) { return read.indexOf(id) < 0; });
      var left = todo.reduce(function (n, id) { return n + minutes[id]; }, 0);
      var week = {
        sessions: ntr("{n} session", "{n} sessions", sessions.length),
        left: todo.length, total: ids.length, time: minutesText(left)
      };
      out.querySelector("[data-hg-week-text]").textContent = !sessions.length ? tr("no sessions.") :
        !ids.length ? tr("{sessions}, nothing to read.", week) :
        !todo.length ? tr("{sessions} — all read.", week) :
        left ? tr("{sessions} — left to read: {left} of {total} (about {time}).", week) :
        tr("{sessions} — left to read: {left} of {total}.", week);
      out.hidden = false;
    });
  }

  function progressChanges() {
    if (document.documentElement.hasAttribute("data-hg-progress")) return;
    document.documentElement.setAttribute("data-hg-progress", "");
    document.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches || !box.matches("input[data-hg-read]")) return;
      markRead(box.getAttribute("data-hg-read"), box.checked);
      progress(document);
    });
  }

  /* Search: with a program chosen, among the results that match every word typed, those from it (its cohort's first)
     come first; a result "Missing" a word (Material says which) is never lifted above one that has them all. The
     rest keep their order. */
  function rank(li, program, cohort) {
    var a = li.querySelector("a.md-search-result__link");
    if (a && a.querySelector(".md-search-result__terms")) return 3;  /* missing a word: no boost */
    var path = a ? new URL(a.href, window.location.href).pathname : "";
    if (cohort && path.indexOf("/programs/" + program + "/" + cohort + "/") >= 0) return 0;
    if (program && path.indexOf("/programs/" + program + "/") >= 0) return 1;
    return 2;
  }

  function searchMineFirst() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || list.hasAttribute("data-hg-mine-first")) return;
    list.setAttribute("data-hg-mine-first", "");
    /* Our own reordering is observed too: it finds the list in order and stops there. */
    new MutationObserver(function () {
      var choice = mine().split("/");
      if (!choice[0]) return;
      var items = Array.prototype.slice.call(list.children);
      var ranks = items.map(function (li) { return rank(li, choice[0], choice[1]); });
      var sorted = ranks.every(function (r, i) { return i === 0 || ranks[i - 1] <= r; });
      if (sorted) return;
      items.map(function (li, i) { return { li: li, rank: ranks[i], i: i }; })
        .sort(function (x, y) { return x.rank - y.rank || x.i - y.i; })
        .forEach(function (x) { list.append(x.li); });
    }).observe(list, { childList: true });
  }

  function months(root) { return Array.prototype.slice.call(root.querySelectorAll("ol.hg-month")); }

  /* The calendar page's filter: several values in one facet = OR, across facets = AND; state in the URL.
     Each box counts the sessions it would show with the other facets as they are (and is greyed at none);
     the subscribe links follow the chosen program; months before this one are folded behind a button. */
  function calendarFilter(root) {
    var form = root.querySelector("form[data-hg-calendar-filter]");
    if (!form || form.hasAttribute("data-hg-ready")) return;
    form.setAttribute("data-hg-ready", "");
    form.hidden = false;
    var facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-hg-facet]"), function (f) {
      return f.getAttribute("data-hg-facet");
    });
    var params = new URLSearchParams(window.location.search);
    var fromUrl = facets.some(function (facet) { return params.has(facet); });
    var myProgramId = mine().split("/")[0];
    facets.forEach(function (facet) {
      var wanted = (params.get(facet) || "").split(",").filter(Boolean);
      if (!fromUrl && facet === "program" && myProgramId) wanted = [myProgramId];  /* theirs first */
      form.querySelectorAll("input[name='" + facet + "']").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) >= 0;
      });
    });
    var wide = window.matchMedia && window.matchMedia("(min-width: 60em)").matches;
    form.querySelectorAll("details[data-hg-open-wide]").forEach(function (details) {
      if (wide || (fromUrl && details.querySelector("input:checked"))) details.open = true;
    });
    var unfolded = false;
    var earlier = root.querySelector("[data-hg-earlier]");
    var earlierButton = earlier && earlier.querySelector("button");
    if (earlierButton) {
      earlierButton.addEventListener("click", function () { unfolded = true; apply(false); });
    }

    function chosen() {
      var out = {};
      facets.forEach(function (facet) {
        out[facet] = Array.prototype.filter.call(form.querySelectorAll("input[name='" + facet + "']"),
          function (box) { return box.checked; }).map(function (box) { return box.value; });
      });
      return out;
    }

    function matches(li, want, skip) {
      return facets.every(function (facet) {
        return facet === skip || !want[facet].length || want[facet].indexOf(li.getAttribute("data-" + facet)) >= 0;
      });
    }

    function apply(updateUrl) {
      var want = chosen();
      var items = root.querySelectorAll("ol.hg-sessions > li.hg-session");
      var total = 0, shown = 0;
      items.forEach(function (li) {
        var ok = matches(li, want, null);
        li.classList.toggle("hg-filtered-out", !ok);
        if (li.closest("ol.hg-month")) {
          total += 1;
          if (ok) shown += 1;
        }
      });
      /* Facets narrow each other: each box's count is taken with the other facets' choices. */
      var monthItems = root.querySelectorAll("ol.hg-month > li.hg-session");
      facets.forEach(function (facet) {
        form.querySelectorAll("input[name='" + facet + "']").forEach(function (box) {
          var n = 0;
          monthItems.forEach(function (li) {
            if (li.getAttribute("data-" + facet) === box.value && matches(li, want, facet)) n += 1;
          });
          var count = box.parentElement.querySelector("[data-hg-count]");
          if (count) count.textContent = String(n);
          box.disabled = n === 0 && !box.checked;
        });
      });
      var thisMonth = new Date(now());
      var current = thisMonth.getFullYear() + "-" + String(thisMonth.getMonth() + 1).padStart(2, "0");
      var folded = 0;
      months(root).forEach(function (list) {
        var key = list.getAttribute("data-hg-month");
        var empty = !list.querySelector(":scope > li:not(.hg-filtered-out)");
        var fold = !unfolded && key < current && !empty;
        if (fold) folded += 1;
        list.hidden = empty || fold;
        var heading = document.getElementById(key);
        if (heading) heading.hidden = empty || fold;
        document.querySelectorAll(".md-nav__link[href='#" + key + "']").forEach(function (a) {
          if (a.parentElement) a.parentElement.hidden = empty || fold;  /* the month in the table of contents */
        });
      });
      if (earlier && earlierButton) {
        earlier.hidden = folded === 0;
        earlierButton.textContent = ntr("Show {n} earlier month", "Show {n} earlier months", folded);
      }
      var out = form.querySelector("output[data-hg-shown]");
      if (out) {
        out.textContent = shown === total ? ntr("{n} session", "{n} sessions", total)
          : ntr("{shown} of {n} session", "{shown} of {n} sessions", total, { shown: shown });
      }
      var any = facets.some(function (facet) { return want[facet].length > 0; });
      var clear = form.querySelector("[data-hg-clear]");
      if (clear) clear.hidden = !any;
      /* The subscribe links: one program chosen, its feed; otherwise the whole hub's. */
      var feed = want.program.length === 1 ? want.program[0] : "";
      root.querySelectorAll("[data-hg-feed-for]").forEach(function (block) {
        block.hidden = block.getAttribute("data-hg-feed-for") !== feed;
      });
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

  /* A cohort's schedule: past sessions folded behind a button, so the list starts at what is to come. */
  function foldPast(root) {
    root.querySelectorAll("ol.hg-foldable").forEach(function (list) {
      if (list.hasAttribute("data-hg-unfolded")) return;
      var past = list.querySelectorAll(":scope > li.hg-past");
      var button = list.previousElementSibling;
      if (!button || !button.classList.contains("hg-earlier")) {
        if (!past.length) return;
        button = document.createElement("p");
        button.className = "hg-earlier";
        var b = document.createElement("button");
        b.type = "button";
        b.className = "md-button hg-earlier__button";
        b.addEventListener("click", function () {
          list.setAttribute("data-hg-unfolded", "");
          list.querySelectorAll(":scope > li.hg-folded").forEach(function (li) { li.classList.remove("hg-folded"); });
          button.remove();
        });
        button.append(b);
        list.before(button);
      }
      list.querySelectorAll(":scope > li").forEach(function (li) {
        li.classList.toggle("hg-folded", li.classList.contains("hg-past"));
      });
      button.hidden = !past.length;
      button.querySelector("button").textContent = ntr("Show {n} past session", "Show {n} past sessions", past.length);
    });
  }

  /* Offline (README "Offline and on the home screen"): the service worker the page names (partials/hubgen/offline.html,
     at the site's root; not in `mkdocs serve`'s preview, not from a file), told the reader's program so that it keeps
     its pages; a page answered from the kept copy says when it was saved. */
  var SW_URL = (function () {
    var el = document.getElementById("hg-offline");
    try { return el ? new URL(JSON.parse(el.textContent).sw, window.location.href).href : null; } catch (e) { return null; }
  })();
  var swReady = null;

  function offline(root) {
    if (!SW_URL || !/^https?:$/.test(window.location.protocol) || !("serviceWorker" in navigator)) return;
    if (!swReady) {
      swReady = navigator.serviceWorker.register(SW_URL, { scope: new URL("./", SW_URL).href })
        .then(function () { return navigator.serviceWorker.ready; })
        .catch(function () { return null; });
      navigator.serviceWorker.addEventListener("controllerchange", function () { keepOffline(); savedNote(document); });
      /* the service worker has kept the pages of the reader's choice for this build: "<build> <choice>" */
      navigator.serviceWorker.addEventListener("message", function (event) {
        var data = event.data || {};
        if (data.hubgen === "kept") document.documentElement.setAttribute("data-hg-kept", data.build + " " + data.choice);
      });
    }
    keepOffline();
    savedNote(root);
  }

  function keepOffline() {
    if (swReady) {
      swReady.then(function (reg) {
        if (reg && reg.active) reg.active.postMessage({ hubgen: "keep", choice: mine(), now: now() });
      });
    }
  }

  function savedNote(root) {
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    var article = root.querySelector("article.md-content__inner") || root.querySelector("article");
    if (!worker || !article || !window.MessageChannel) return;
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) {
      var old = article.querySelector(".hg-offline");
      if (old) old.remove();
      var saved = event.data && event.data.saved ? new Date(event.data.saved) : null;
      if (!saved || isNaN(saved.getTime()) || !article.isConnected) return;
      var note = document.createElement("div");
      note.className = "admonition info hg-offline";
      note.setAttribute("role", "status");
      var title = document.createElement("p");
      title.className = "admonition-title";
      title.textContent = tr("Saved for reading offline");
      var text = document.createElement("p");
      text.textContent = tr("The network did not answer: this is the copy saved on {date}.", {
        date: new Intl.DateTimeFormat(LOCALES, { dateStyle: "long", timeStyle: "short" }).format(saved)
      });
      note.append(title, text);
      var heading = article.querySelector("h1");
      if (heading) heading.after(note); else article.prepend(note);
    };
    worker.postMessage({ hubgen: "saved", url: window.location.href }, [channel.port2]);
  }

  function refresh(root) {
    mark(root);
    badges(root);
    upcoming(root);
    sessionPage(root);
    foldPast(root);
    prepareFold(root);
    pastDue(root);
    thisWeek(root);
  }

  function run() {
    var root = document;
    root.querySelectorAll(".hg-js-only[hidden]").forEach(function (el) { el.hidden = false; });
    facets(root);
    community(root);
    myProgram(root);
    searchMineFirst();
    calendarFilter(root);
    subscribeLinks(root);
    progressChanges();
    progress(root);
    refresh(root);
    localTimes(root);
    offline(root);
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
