/* hubgen facets.js — filter any list in the browser by facets and words.
 *
 * Used by the library (/library/) and the showcase; generic: it knows nothing of readings or projects.
 *
 * MARKUP CONTRACT
 *
 *   <form class="hg-filters" data-hg-filter="LISTID" data-hg-noun="readings" data-hg-noun-one="reading" hidden>
 *     <input type="search" name="text" data-hg-text aria-label="Filter by words">
 *     <fieldset data-hg-facet="topic"><legend>Topic</legend>
 *       <label><input type="checkbox" name="topic" value="structural-racism"> Structural racism
 *              <span class="hg-count" data-hg-count></span></label> ...
 *     </fieldset> ...
 *     <button type="reset">Clear filters</button>               (optional)
 *     <output data-hg-shown role="status"></output>              ("23 of 56 readings"; announced politely)
 *   </form>
 *   <ul id="LISTID">
 *     <li data-hg-item data-topic="id1 id2" data-type="article" data-text="lowercased words"> ...
 *
 * - The form starts `hidden`: this script unhides it. Without JavaScript the whole list shows.
 * - Each <fieldset data-hg-facet="NAME"> is one facet; its checkboxes carry name="NAME" and a value.
 *   An item's values for that facet are the space-separated tokens of its data-NAME attribute.
 * - Several values in one facet: OR. Across facets: AND. Words: every word typed must occur in the
 *   item's data-text (case and accents ignored; data-text defaults to the item's text).
 * - A value's count: the items that match every other facet and the words and have this value —
 *   with nothing ticked in its own facet, exactly the items that ticking it would show. A value
 *   whose count is zero is disabled, unless it is ticked.
 * - State lives in the URL query: ?topic=a,b&type=article&text=word. Each parameter is the facet's
 *   name; the words go in "text" (or the parameter named by a non-empty data-hg-text="..."), never
 *   in "q", whatever the input's name: Material's search opens itself when a page's URL has ?q=.
 *   Ticking a box adds a history entry (Back undoes it); typing adds one entry per run of typing.
 *   Other query parameters are kept. Back and Forward between two states of the same page only re-filter:
 *   the page is not fetched again by the theme's instant navigation.
 * - Re-initialised on every page of Material's instant navigation (window.document$), else on load.
 * - After each filtering the form dispatches "hg-filtered" (bubbles) with detail {shown, total, keys}: keys are the
 *   data-hg-key of the matching items, in the list's order.
 * - Downloads that follow the filter: <p data-hg-downloads="LISTID"> with links <a href="FILE" download="NAME"
 *   data-hg-format="bib|ris|json"> to files holding every item (BibTeX entries, RIS records, a CSL-JSON array, in the
 *   list's order, each keyed by an item's data-hg-key), and a <span data-hg-downloads-what>. While the list is
 *   filtered, a click saves only the matching items' entries, cut from the file, and the span says how many;
 *   unfiltered, the link is the file.
 * - Long lists: with data-hg-page="150" on the form, only the first 150 matching items show, and a
 *   "Show more" button after the list reveals 150 more at a time (the count still says how many
 *   match). The browser then lays out a few hundred items per keystroke, not thousands.
 * - Keyboard: native inputs only (Tab, Space, typing); the stylesheet gives them a visible focus.
 * - Facets may sit in a <details data-hg-open-wide>: it is opened on wide screens (60em and up) and
 *   whenever the URL ticks one of its boxes, and left for the reader to open on a phone.
 */
(function () {
  "use strict";

  /* Words in the hub's language (hubgen.js' window.hgI18n, loaded first); English without it. */
  function fill(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) { return key in vars ? String(vars[key]) : whole; });
  }
  function tr(msgid, vars) { return window.hgI18n ? window.hgI18n.tr(msgid, vars) : fill(msgid, vars || {}); }

  var active = [];            /* the filters of the current page */
  var typingEntry = false;    /* the current history entry was pushed by typing: replace it while typing */
  var here = { path: window.location.pathname, hash: window.location.hash };  /* the page and anchor shown */

  function fold(text) {
    return String(text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(text) {
    return fold(text).split(/\s+/).filter(Boolean);
  }

  function Filter(form, list) {
    var self = this;
    this.form = form;
    this.list = list;
    this.text = form.querySelector("[data-hg-text]");
    this.param = this.text ? (this.text.getAttribute("data-hg-text") || "text") : null;
    this.output = form.querySelector("[data-hg-shown]");
    this.noun = form.getAttribute("data-hg-noun") || "items";
    this.nounOne = form.getAttribute("data-hg-noun-one") || this.noun;
    this.facets = Array.prototype.map.call(form.querySelectorAll("fieldset[data-hg-facet]"), function (fs) {
      var name = fs.getAttribute("data-hg-facet");
      var boxes = Array.prototype.slice.call(fs.querySelectorAll('input[type="checkbox"]'));
      var index = {};
      boxes.forEach(function (box, i) { index[box.value] = i; });
      return {
        name: name, boxes: boxes, index: index,
        counts: boxes.map(function (box) {
          var label = box.closest("label");
          return label ? label.querySelector("[data-hg-count]") : null;
        })
      };
    });
    /* Each item read once: its value indexes per facet and its folded words. */
    this.items = Array.prototype.map.call(list.querySelectorAll("[data-hg-item]"), function (el) {
      return {
        el: el,
        key: el.getAttribute("data-hg-key"),
        text: fold(el.hasAttribute("data-text") ? el.getAttribute("data-text") : el.textContent),
        values: self.facets.map(function (f) {
          var out = [];
          (el.getAttribute("data-" + f.name) || "").split(/\s+/).forEach(function (token) {
            if (token && f.index[token] !== undefined) out.push(f.index[token]);
          });
          return out;
        })
      };
    });
    this.pending = 0;
    this.announceTimer = 0;
    this.pageSize = parseInt(form.getAttribute("data-hg-page") || "0", 10) || 0;
    this.pages = 1;
    if (this.pageSize) {
      var more = document.createElement("p");
      more.className = "hg-more";
      more.hidden = true;
      this.more = document.createElement("button");
      this.more.type = "button";
      this.more.className = "md-button";
      more.appendChild(this.more);
      list.after(more);
      this.more.addEventListener("click", function () {
        self.pages += 1;
        self.apply(true);
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target && event.target.type === "checkbox") {
        typingEntry = false;
        self.save(true);  /* the URL first: a history change forces a style update, cheap before the list changes */
        self.apply();
      }
    });
    if (this.text) {
      this.text.addEventListener("input", function () {
        if (self.pending) return;  /* one filtering per frame, however fast the typing */
        self.pending = window.requestAnimationFrame(function () {
          self.pending = 0;
          self.save(!typingEntry);
          typingEntry = true;
          self.apply();
        });
      });
    }
    form.addEventListener("reset", function () {
      window.setTimeout(function () {  /* after the browser has cleared the inputs */
        typingEntry = false;
        self.save(true);
        self.apply();
      }, 0);
    });
    this.load();
    this.apply();
    this.reveal();
    form.hidden = false;
  }

  /* Open the <details data-hg-open-wide> around facets on wide screens, or when a box in it is ticked. */
  Filter.prototype.reveal = function () {
    var wide = window.matchMedia && window.matchMedia("(min-width: 60em)").matches;
    this.form.querySelectorAll("details[data-hg-open-wide]").forEach(function (details) {
      if (wide || details.querySelector('input[type="checkbox"]:checked')) details.open = true;
    });
  };

  /* The state as the form shows it. */
  Filter.prototype.state = function () {
    return {
      words: this.text ? words(this.text.value) : [],
      selected: this.facets.map(function (f) {
        var on = [];
        f.boxes.forEach(function (box, i) { if (box.checked) on.push(i); });
        return on;
      })
    };
  };

  /* Filter the list; ``keepPages`` keeps the items "Show more" revealed (any other change starts over). */
  Filter.prototype.apply = function (keepPages) {
    if (!keepPages) this.pages = 1;
    var limit = this.pageSize ? this.pageSize * this.pages : Infinity;
    var state = this.state();
    var facets = this.facets;
    var nf = facets.length;
    var textBit = 1 << nf;
    var wanted = state.selected.map(function (on, f) {
      var set = new Uint8Array(facets[f].boxes.length);
      on.forEach(function (i) { set[i] = 1; });
      return on.length ? set : null;
    });
    var counts = facets.map(function (f) { return new Uint32Array(f.boxes.length); });
    var shown = 0;
    var keys = [];
    var items = this.items;
    for (var n = 0; n < items.length; n++) {
      var item = items[n];
      var fails = 0;
      for (var f = 0; f < nf; f++) {
        var set = wanted[f];
        if (!set) continue;
        var vals = item.values[f];
        var hit = false;
        for (var v = 0; v < vals.length; v++) { if (set[vals[v]]) { hit = true; break; } }
        if (!hit) fails |= 1 << f;
      }
      for (var w = 0; w < state.words.length; w++) {
        if (item.text.indexOf(state.words[w]) === -1) { fails |= textBit; break; }
      }
      for (f = 0; f < nf; f++) {
        if ((fails & ~(1 << f)) !== 0) continue;
        vals = item.values[f];
        for (v = 0; v < vals.length; v++) counts[f][vals[v]] += 1;
      }
      var hide = fails !== 0 || shown >= limit;
      if (item.el.hidden !== hide) item.el.hidden = hide;
      if (fails === 0) {
        shown += 1;
        if (item.key) keys.push(item.key);
      }
    }
    if (this.more) {
      var rest = shown - Math.min(shown, limit);
      this.more.parentNode.hidden = rest === 0;
      this.more.textContent = tr("Show {n} more ({rest} not shown)", { n: Math.min(rest, this.pageSize), rest: rest });
    }
    facets.forEach(function (facet, f) {
      facet.boxes.forEach(function (box, i) {
        var c = counts[f][i];
        var label = facet.counts[i];
        var text = String(c);
        if (label && label.textContent !== text) label.textContent = text;
        var disable = c === 0 && !box.checked;
        if (box.disabled !== disable) box.disabled = disable;
      });
    });
    this.shown = shown;
    this.keys = shown === items.length ? null : keys;  /* null: the whole list */
    this.announce();
    this.extras(shown);
    this.downloads();
    this.form.dispatchEvent(new CustomEvent("hg-filtered", {
      bubbles: true, detail: { shown: shown, total: items.length, keys: keys }
    }));
  };

  /* The list's downloads (see the contract above): their words now, and on a click while filtered, the file cut to
     the matching items. */
  Filter.prototype.downloads = function () {
    var self = this;
    var boxes = document.querySelectorAll('[data-hg-downloads="' + this.list.id + '"]');
    boxes.forEach(function (box) {
      var what = box.querySelector("[data-hg-downloads-what]");
      if (what) {
        if (!what.hasAttribute("data-hg-all")) what.setAttribute("data-hg-all", what.textContent);
        var n = self.keys ? self.keys.length : 0;
        what.textContent = self.keys
          ? (n === 1 ? tr("the {noun} shown", { noun: self.nounOne }) : tr("the {n} {noun} shown", { n: n, noun: self.noun }))
          : what.getAttribute("data-hg-all");
      }
      if (box.hgDownloads) return;
      box.hgDownloads = true;
      box.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[data-hg-format]");
        if (!link || !self.keys) return;
        event.preventDefault();
        var keys = self.keys;
        fetch(link.href).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        }).then(function (text) {
          var cut = cutEntries(text, link.getAttribute("data-hg-format"), keys);
          if (cut === null) { window.location.href = link.href; return; }  /* not as expected: the whole file */
          var url = URL.createObjectURL(new Blob([cut], { type: link.type || "text/plain" }));
          var save = document.createElement("a");
          save.href = url;
          save.download = link.getAttribute("download") || "";
          document.body.appendChild(save);
          save.click();
          save.remove();
          window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        }).catch(function () { window.location.href = link.href; });
      });
    });
  };

  /* The entries of ``keys`` cut from a citation file as hubgen writes it (hubgen/site/citations/): BibTeX entries
     apart by an empty line, each "@type{key,"; RIS records from "TY  - " to "ER  - ", each with "ID  - key", apart
     by an empty line; CSL-JSON an array of items with "id". Null if the file is not so (or lacks a key). */
  function cutEntries(text, format, keys) {
    var found = {};
    var joined;
    if (format === "json") {
      var items;
      try { items = JSON.parse(text); } catch (e) { return null; }
      if (!Array.isArray(items)) return null;
      items.forEach(function (item) { found[item.id] = item; });
      if (!keys.every(function (k) { return found[k]; })) return null;
      var picked = keys.map(function (k) { return found[k]; });
      return picked.length ? JSON.stringify(picked, null, 2) + "\n" : "[]\n";
    }
    if (format === "bib") {
      text.split(/\n\n(?=@)/).forEach(function (entry) {
        var m = /^@[A-Za-z]+\{([^,\s]+),/.exec(entry);
        if (m) found[m[1]] = entry.replace(/\n*$/, "\n");
      });
      joined = "\n";
    } else if (format === "ris") {
      (text.match(/^TY  - [\s\S]*?^ER  - *\n?/gm) || []).forEach(function (record) {
        var m = /^ID  - (.*)$/m.exec(record);
        if (m) found[m[1].trim()] = record.replace(/\n*$/, "\n");
      });
      joined = "\n";
    } else {
      return null;
    }
    if (!keys.every(function (k) { return found[k]; })) return null;
    return keys.map(function (k) { return found[k]; }).join(joined);
  }

  /* What a phone needs around the boxes: a "Show N readings" button at the end of the folded panel (it folds the
     panel and goes to the list), a hint when nothing matches, and "Clear filters" only when something is filtered. */
  Filter.prototype.extras = function (shown) {
    var self = this;
    var state = this.state();
    var filtered = state.words.length > 0 || state.selected.some(function (on) { return on.length > 0; });
    var reset = this.form.querySelector('button[type="reset"]');
    if (reset) reset.hidden = !filtered;
    var noun = shown === 1 ? this.nounOne : this.noun;
    var details = this.form.querySelector("details[data-hg-open-wide]");
    if (details && !this.showButton) {
      this.showButton = document.createElement("button");
      this.showButton.type = "button";
      this.showButton.className = "md-button md-button--primary hg-filters__show";
      this.showButton.addEventListener("click", function () {
        details.open = false;
        self.list.scrollIntoView({ block: "start" });
      });
      details.append(this.showButton);
    }
    if (this.showButton) this.showButton.textContent = tr("Show {n} {noun}", { n: shown, noun: noun });
    if (!this.none) {
      this.none = document.createElement("p");
      this.none.className = "hg-empty hg-filters__none";
      this.list.after(this.none);
    }
    this.none.hidden = shown > 0;
    this.none.textContent = shown > 0 ? "" :
      tr("No {noun} match. Try fewer words or filters, or press \u201cClear filters\u201d.", { noun: this.noun });
  };

  /* The count, written a moment after the last change so a screen reader says it once. */
  Filter.prototype.announce = function () {
    var self = this;
    if (!this.output) return;
    window.clearTimeout(this.announceTimer);
    var total = this.items.length;
    var noun = total === 1 ? this.nounOne : this.noun;
    var text = this.shown === total
      ? tr("All {n} {noun}", { n: total, noun: noun })
      : tr("{shown} of {n} {noun}", { shown: this.shown, n: total, noun: noun });
    this.announceTimer = window.setTimeout(function () {
      if (self.output.textContent !== text) self.output.textContent = text;
    }, this.output.textContent ? 300 : 0);
  };

  /* The URL query this state gives, keeping parameters that are not ours. */
  Filter.prototype.url = function () {
    var state = this.state();
    var params = new URLSearchParams(window.location.search);
    var parts = [];
    var ours = {};
    this.facets.forEach(function (f, i) {
      ours[f.name] = true;
      var values = state.selected[i].map(function (b) { return encodeURIComponent(f.boxes[b].value); });
      if (values.length) parts.push(encodeURIComponent(f.name) + "=" + values.join(","));
    });
    if (this.param) {
      ours[this.param] = true;
      var typed = this.text.value.trim();
      if (typed) parts.push(encodeURIComponent(this.param) + "=" + encodeURIComponent(typed).replace(/%20/g, "+"));
    }
    params.forEach(function (value, key) {
      if (!ours[key]) parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
    });
    return window.location.pathname + (parts.length ? "?" + parts.join("&") : "") + window.location.hash;
  };

  Filter.prototype.save = function (push) {
    var target = this.url();
    var now = window.location.pathname + window.location.search + window.location.hash;
    if (target === now) return;
    if (push) window.history.pushState(null, "", target);
    else window.history.replaceState(window.history.state, "", target);
  };

  /* The form set from the URL query (on load and on Back/Forward). */
  Filter.prototype.load = function () {
    var params = new URLSearchParams(window.location.search);
    this.facets.forEach(function (f) {
      var on = {};
      (params.get(f.name) || "").split(",").forEach(function (v) { if (v) on[v] = true; });
      f.boxes.forEach(function (box) { box.checked = !!on[box.value]; });
    });
    if (this.text) this.text.value = params.get(this.param) || "";
  };

  function init() {
    remember();
    active = [];
    document.querySelectorAll("form.hg-filters[data-hg-filter]").forEach(function (form) {
      var list = document.getElementById(form.getAttribute("data-hg-filter"));
      if (!list || form.hgFilter) return;
      form.hgFilter = new Filter(form, list);
      active.push(form.hgFilter);
    });
  }

  /* The page and anchor shown change with an anchor followed (a hashchange, or the theme's location$ when its
     instant navigation follows it) and with a new page (init). */
  function remember(url) {
    var at = url && url.pathname ? url : window.location;
    here = { path: at.pathname, hash: at.hash };
  }
  window.addEventListener("hashchange", function () { remember(); });
  if (window.location$ && typeof window.location$.subscribe === "function") window.location$.subscribe(remember);

  /* Back or Forward between two entries of the page and anchor shown: only the filters changed. They are set here,
     and true says so. Material's instant navigation fetches the page again on the first Back of a page, even when
     only the query changed, and swaps it in (a phone loads it twice, the list flickers). hubgen's main.html listens
     before the theme and, when this returns true, stops the event there. Without it (a hub's own main.html), the
     listener below still sets the filters, and the theme swaps in the same page. */
  function popstate() {
    var filters = active.filter(function (filter) { return document.contains(filter.form); });
    if (!filters.length || window.location.pathname !== here.path || window.location.hash !== here.hash) return false;
    typingEntry = false;
    filters.forEach(function (filter) {
      filter.load();
      filter.apply();
      filter.reveal();
    });
    return true;
  }

  window.hgPopstate = popstate;
  window.addEventListener("popstate", popstate);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  /* Material's instant navigation: every new page */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
