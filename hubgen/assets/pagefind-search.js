/* Hubgen: Material's search box answered by Pagefind (the `search: pagefind` option, hubgen/site/pagefind.py).

   The build renames the box's data-md-component hooks to data-hubgen-search*, so Material's bundle never
   starts its lunr worker nor downloads search/search_index.json. This script drives the same box with
   Pagefind's JavaScript API: pagefind/pagefind.js is imported on the first focus of the box, a query loads
   only the index chunks it needs, and a result's fragment (title, excerpt, metadata) is fetched only when
   the result is shown — ten at a time, more as the list is scrolled. Results use Material's markup and
   classes, so they look like Material's. Keyboard: "/", "s" or "f" open the search; arrow keys move through
   the results; Enter follows the focused (or first) result; Escape or Tab closes.

   It binds to the document once, so Material's instant navigation (which keeps the header) needs nothing
   more; highlighting the searched words on the page that opens (?h=..., with the search.highlight feature)
   runs again on every instant navigation through Material's document$. */
(function () {
  "use strict";
  if (window.__hubgenPagefind || !document.querySelector("[data-hubgen-search]")) return;
  window.__hubgenPagefind = true;

  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base || ".", location.href); /* the site's root, fixed at the first page load */
  var t = config.translations || {};
  var features = config.features || [];
  var BATCH = 10;
  var DEBOUNCE_MS = 120;

  var pagefind = null; /* Promise of Pagefind's module, once it is asked for */
  var state = { seq: 0, results: [], shown: 0, terms: "", loading: false };
  var timer = 0;

  function $(selector) {
    return document.querySelector(selector);
  }
  function box() {
    return $("[data-hubgen-search]");
  }
  function input() {
    return $("[data-hubgen-search-query]");
  }
  function toggle() {
    return document.getElementById("__search");
  }
  function meta() {
    return $("[data-hubgen-search-result] .md-search-result__meta");
  }
  function list() {
    return $("[data-hubgen-search-result] .md-search-result__list");
  }
  function scrollwrap() {
    return $("[data-hubgen-search] .md-search__scrollwrap");
  }

  function setOpen(open) {
    var el = toggle();
    if (el && el.checked !== open) {
      el.checked = open;
      el.dispatchEvent(new CustomEvent("change"));
    }
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: base.pathname, excerptLength: 24 })).then(function () {
          pf.init();
          return pf;
        });
      });
      pagefind.catch(function () {
        pagefind = null; /* try again on the next query */
      });
    }
    return pagefind;
  }

  function count(n) {
    if (n === 0) return t["search.result.none"] || "No matching documents";
    if (n === 1) return t["search.result.one"] || "1 matching document";
    return (t["search.result.other"] || "# matching documents").replace("#", String(n));
  }

  function href(url, terms) {
    var target = new URL(url, location.href);
    if (terms && features.indexOf("search.highlight") >= 0) target.searchParams.set("h", terms);
    return target.href;
  }

  /* Pagefind's excerpt is escaped text with <mark> around the matches. It is not put in as HTML: the text
     between the marks is decoded and added as text, so nothing from the index can become markup. */
  function marked(excerpt) {
    var p = node("p");
    var decoder = document.createElement("textarea");
    excerpt.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      decoder.innerHTML = part; /* a <textarea> decodes entities and never makes elements */
      var text = document.createTextNode(decoder.value);
      if (inMark) {
        var mark = document.createElement("mark");
        mark.append(text);
        p.append(mark);
      } else {
        p.append(text);
      }
      return inMark;
    }, false);
    return p;
  }

  function node(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /* One entry in Material's markup: <a class="md-search-result__link"><article ...><h1|h2>... */
  function entry(url, title, excerpt, parent, details) {
    var a = node("a", "md-search-result__link");
    a.href = url;
    a.tabIndex = -1;
    var article = node("article", "md-search-result__article md-typeset");
    if (parent) article.append(node("div", "md-search-result__icon md-icon"));
    article.append(node(parent ? "h1" : "h2", "", title));
    if (details) article.append(node("p", "hg-search-result__context", details));
    if (excerpt) article.append(marked(excerpt));
    a.append(article);
    return a;
  }

  function item(data, terms) {
    var li = node("li", "md-search-result__item");
    var info = data.meta || {};
    var details = [info.context, info.date].filter(Boolean).join(" · ");
    li.append(entry(href(data.url, terms), info.title || data.url, data.excerpt, true, details));
    var subs = (data.sub_results || []).filter(function (sub) {
      return sub.url.indexOf("#") > 0 && sub.title && sub.title !== info.title;
    });
    subs.slice(0, 3).forEach(function (sub) {
      li.append(entry(href(sub.url, terms), sub.title, sub.excerpt, false, ""));
    });
    return li;
  }

  /* Show the next batch of results: one fragment request per result shown, never more. */
  function more() {
    var seq = state.seq;
    if (state.loading || state.shown >= state.results.length) return Promise.resolve();
    state.loading = true;
    var batch = state.results.slice(state.shown, state.shown + BATCH);
    return Promise.all(
      batch.map(function (result) {
        return result.data();
      })
    )
      .then(function (fragments) {
        if (seq !== state.seq) return;
        var ol = list();
        fragments.forEach(function (data) {
          ol.append(item(data, state.terms));
        });
        state.shown += batch.length;
      })
      .finally(function () {
        if (seq === state.seq) state.loading = false;
      })
      .then(function () {
        var wrap = scrollwrap();
        if (seq === state.seq && wrap && wrap.scrollHeight <= wrap.clientHeight) return more();
      });
  }

  function search(query) {
    var seq = ++state.seq;
    state.results = [];
    state.shown = 0;
    state.loading = false;
    var terms = query.trim();
    if (!terms) {
      list().replaceChildren();
      meta().textContent = t["search.result.placeholder"] || "Type to start searching";
      return Promise.resolve();
    }
    return load()
      .then(function (pf) {
        return pf.search(terms);
      })
      .then(function (found) {
        if (seq !== state.seq || !found) return;
        state.results = found.results;
        state.terms = terms;
        meta().textContent = count(found.results.length);
        list().replaceChildren();
        return more();
      });
  }

  function schedule() {
    clearTimeout(timer);
    var value = input().value;
    timer = setTimeout(function () {
      search(value).catch(function (error) {
        meta().textContent = t["search.result.none"] || "No matching documents";
        console.error("hubgen search:", error);
      });
    }, DEBOUNCE_MS);
  }

  function editable(el) {
    return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function onKeydown(event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var query = input();
    if (!query) return;
    var active = document.activeElement;
    if (!toggle().checked) {
      if (/^[fs/]$/.test(event.key) && !editable(active)) {
        event.preventDefault();
        setOpen(true);
        query.focus();
        query.select();
      }
      return;
    }
    var links = [query].concat(Array.prototype.slice.call(list().querySelectorAll("a[href]")));
    switch (event.key) {
      case "Enter":
        if (active === query) {
          event.preventDefault();
          if (links.length > 1) links[1].click();
        }
        break;
      case "Escape":
      case "Tab":
        setOpen(false);
        query.blur();
        break;
      case "ArrowUp":
      case "ArrowDown": {
        event.preventDefault();
        var i = Math.max(0, links.indexOf(active));
        var next = links[(i + links.length + (event.key === "ArrowUp" ? -1 : 1)) % links.length];
        next.focus();
        if (next !== query) next.scrollIntoView({ block: "nearest" });
        break;
      }
      default:
        if (active !== query && event.key.length === 1) query.focus();
    }
  }

  function bind() {
    var root = box();
    var form = root.querySelector("form");
    var query = input();
    meta().textContent = t["search.result.placeholder"] || "Type to start searching";
    query.addEventListener("focus", function () {
      setOpen(true);
      load();
    });
    query.addEventListener("input", schedule);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        search("");
        query.focus();
      });
    });
    toggle().addEventListener("change", function () {
      if (toggle().checked && document.activeElement !== query) query.focus();
    });
    list().addEventListener("click", function (event) {
      if (event.target.closest("a")) setOpen(false);
    });
    scrollwrap().addEventListener("scroll", function () {
      var wrap = scrollwrap();
      if (wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - 16) more();
    });
    window.addEventListener("keydown", onKeydown);
    var asked = new URL(location.href).searchParams.get("q"); /* ?q=... opens the search, as with Material's */
    if (asked) {
      query.value = asked;
      query.focus();
      schedule();
    }
  }

  /* The words searched for, marked on the page a result opened (Material's ?h= parameter). */
  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  function highlight() {
    var terms = new URL(location.href).searchParams.get("h");
    var article = $("article.md-content__inner");
    if (!terms || !article || article.querySelector("mark[data-md-highlight]")) return;
    var words = terms.split(/\s+/).filter(function (w) {
      return w.length > 1;
    });
    if (!words.length) return;
    var source = "(" + words.map(escapeRegExp).join("|") + ")";
    var pattern = new RegExp(source, "gi");
    var probe = new RegExp(source, "i");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentElement.closest("script, style, mark, .headerlink")
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) if (probe.test(walker.currentNode.data)) nodes.push(walker.currentNode);
    nodes.forEach(function (text) {
      var parts = text.data.split(pattern);
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part, k) {
        if (!part) return;
        if (k % 2) {
          var mark = node("mark", "", part);
          mark.setAttribute("data-md-highlight", "");
          fragment.append(mark);
        } else fragment.append(document.createTextNode(part));
      });
      text.replaceWith(fragment);
    });
  }

  bind();
  if (features.indexOf("search.highlight") >= 0) {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(highlight);
    else highlight();
  }
})();
