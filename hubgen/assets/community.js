/* hubgen community: the discussion (giscus, on GitHub Discussions) and video players of a page,
   loaded only when the reader asks for them (hubgen/content/community.py writes the placeholders).

   - [data-hg-discussion]: giscus' settings as data-giscus-* attributes. "Show discussion" inserts
     giscus' script with those settings as its data-* attributes and the theme of Material's current
     palette; when the palette changes (data-md-color-scheme on <body>) the theme is posted to the
     giscus frame. If giscus cannot be reached the box says so and links to GitHub.
   - [data-hg-embed]: a YouTube or Vimeo video. "Play" replaces the button with the provider's
     privacy-enhanced player (the URL in data-hg-embed-src), with the video's title.

   Before a click, nothing here makes a request. Clicks are handled on the document, so pages that
   Material's instant navigation brings in work without binding anything again. */
(function () {
  "use strict";

  /* Words in the hub's language (hubgen.js' window.hgI18n, loaded first); English without it. */
  function fill(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) { return key in vars ? String(vars[key]) : whole; });
  }
  function tr(msgid, vars) { return window.hgI18n ? window.hgI18n.tr(msgid, vars) : fill(msgid, vars || {}); }

  var GISCUS = "https://giscus.app";
  var SLOW_MS = 20000;  /* no word from giscus by then: say it is slow, with the link to GitHub */

  function darkPalette() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function themeFor(box) {
    return box.getAttribute(darkPalette() ? "data-hg-theme-dark" : "data-hg-theme-light") ||
      (darkPalette() ? "dark" : "light");
  }

  function say(box, text, withLink) {
    var status = box.querySelector("[data-hg-discussion-status]");
    if (!status) return;
    status.textContent = text;
    if (withLink) {
      var where = box.querySelector(".hg-discussion__where a");
      if (where) {
        var a = document.createElement("a");
        a.href = where.href;
        a.textContent = tr("Open the discussions on GitHub");
        status.append(" ", a, ".");
      }
    }
  }

  function showDiscussion(box, button) {
    var frame = box.querySelector("[data-hg-discussion-frame]");
    if (!frame) return;
    frame.textContent = "";
    var script = document.createElement("script");
    script.src = GISCUS + "/client.js";
    script.async = true;
    script.crossOrigin = "anonymous";
    Array.prototype.forEach.call(box.attributes, function (attr) {
      if (attr.name.indexOf("data-giscus-") === 0) {
        script.setAttribute("data-" + attr.name.slice("data-giscus-".length), attr.value);
      }
    });
    script.setAttribute("data-theme", themeFor(box));
    script.addEventListener("error", function () {
      if (box.getAttribute("data-hg-state") !== "loading") return;
      box.setAttribute("data-hg-state", "failed");
      say(box, tr("The discussion could not be loaded: GitHub Discussions (giscus.app) did not answer. " +
        "Check your connection and try again, or read it on GitHub."), true);
      button.textContent = tr("Try again");
      button.hidden = false;
    });
    box.setAttribute("data-hg-state", "loading");
    var hadFocus = document.activeElement === button;
    button.hidden = true;
    say(box, tr("Loading the discussion from GitHub…"), false);
    var status = box.querySelector("[data-hg-discussion-status]");
    if (hadFocus && status) {  /* the button is gone: keep the keyboard where the news will be */
      status.setAttribute("tabindex", "-1");
      status.focus({ preventScroll: true });
    }
    frame.append(script);
    window.setTimeout(function () {
      if (box.isConnected && box.getAttribute("data-hg-state") === "loading") {
        say(box, tr("The discussion is taking a while to load from GitHub."), true);
      }
    }, SLOW_MS);
  }

  /* giscus talks to the page from its frame once it is up: the discussion has loaded. */
  window.addEventListener("message", function (event) {
    if (event.origin !== GISCUS || !event.data || typeof event.data !== "object" || !event.data.giscus) return;
    document.querySelectorAll("[data-hg-discussion][data-hg-state='loading']").forEach(function (box) {
      var iframe = box.querySelector("iframe.giscus-frame");
      if (iframe && iframe.contentWindow === event.source) {
        box.setAttribute("data-hg-state", "loaded");
        say(box, "", false);
      }
    });
  });

  /* Material's palette toggle: the open discussions follow it. */
  function postTheme() {
    document.querySelectorAll("[data-hg-discussion]").forEach(function (box) {
      var iframe = box.querySelector("iframe.giscus-frame");
      if (iframe && iframe.contentWindow) {
        iframe.contentWindow.postMessage({ giscus: { setConfig: { theme: themeFor(box) } } }, GISCUS);
      }
    });
  }

  function playVideo(box) {
    var src = box.getAttribute("data-hg-embed-src");
    if (!src || box.querySelector("iframe")) return;
    var iframe = document.createElement("iframe");
    iframe.className = "hg-embed__frame";
    iframe.src = src + (src.indexOf("?") >= 0 ? "&" : "?") + "autoplay=1";
    var provider = box.getAttribute("data-hg-embed-provider") || tr("Video");
    iframe.title = tr("{provider} player: {title}", {
      provider: provider,
      title: box.getAttribute("data-hg-embed-title") || ""
    });
    iframe.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    var button = box.querySelector("[data-hg-embed-play]");
    if (button) button.replaceWith(iframe); else box.prepend(iframe);
    box.setAttribute("data-hg-state", "playing");
    iframe.focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var show = target.closest("[data-hg-discussion-show]");
    if (show) {
      var box = show.closest("[data-hg-discussion]");
      if (box) showDiscussion(box, show);
      return;
    }
    var play = target.closest("[data-hg-embed-play]");
    if (play) {
      var embed = play.closest("[data-hg-embed]");
      if (embed) playVideo(embed);
    }
  });

  var observing = false;
  function start() {
    document.querySelectorAll("[data-hg-discussion]:not([data-hg-state]) [data-hg-discussion-show][hidden]")
      .forEach(function (button) { button.hidden = false; });
    if (!observing && window.MutationObserver && document.body) {
      observing = true;
      new MutationObserver(postTheme).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
