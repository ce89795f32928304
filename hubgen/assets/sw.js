/* hubgen's service worker (README "Offline and on the home screen"), written at the site's root by the build
   (hubgen/site/offline.py fills in SETTINGS): a reader who has opened the hub reads their program's pages with no
   network.

   - Pages and the site's own files are fetched from the network first; a page is kept as it arrives, and the kept
     copy answers when the network fails (or has not answered a page in SLOW_MS). The page then asks when its copy
     was saved, and says so (hubgen.js).
   - Kept: the pages the reader opened, and those of their program (the page tells its choice, "My program"): the
     program's and cohort's pages, Prepare, the next sessions not yet over (SETTINGS.upcoming) and their readings,
     from the build's list (assets/hubgen/offline/<program>.json); with the home page, the calendar and the files
     every page loads (SETTINGS.keep). Never another site's address (a meeting link, a video), never a request
     other than GET, never an answer the server marks private or no-store, never the search index or a download.
   - One cache per build (SETTINGS.build): a new publish is a new sw.js; it fills its own cache with the reader's
     pages, then drops the old one. Another hub on the same host keeps its own caches (they are named by scope). */
"use strict";

var SETTINGS = /* hubgen:settings */ null;
var SCOPE = self.registration.scope;
var PREFIX = "hubgen " + SCOPE + " ";
var CACHE = PREFIX + SETTINGS.build;
var CHOICE = SCOPE + "__hubgen/choice";  /* the reader's choice, kept in the cache (a service worker has no storage) */
var SAVED = "X-Hubgen-Saved";
var SLOW_MS = 8000;
var FILES = /\.(css|js|mjs|svg|png|jpe?g|gif|webp|avif|ico|woff2?|webmanifest)$/i;
var NEVER = /^(search|pagefind)\//;  /* the search index: a whole site's words */
var served = {};  /* page → when its copy was saved, for the pages last answered from the cache */

function ours(url) {
  return url.origin === self.location.origin && url.href.indexOf(SCOPE) === 0 &&
    !NEVER.test(url.href.slice(SCOPE.length));
}

function key(url) { return url.origin + url.pathname; }  /* a page's filters (?program=) do not make another page */

function keepable(response) {
  return response && response.status === 200 && response.type === "basic" && !response.redirected &&
    !/no-store|private/i.test(response.headers.get("Cache-Control") || "");
}

/* A copy to keep, stamped with when it was saved. */
function stamped(response) {
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(SAVED, new Date().toISOString());
    return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
  });
}

function save(cache, at, response) {
  if (!keepable(response)) return Promise.resolve();
  return stamped(response.clone()).then(function (copy) { return cache.put(at, copy); });
}

/* A page asked of the server itself, not of the browser's HTTP cache (a host may let it keep a page for minutes): a
   new publish shows as soon as the network answers. A navigation follows its redirects itself. */
function fresh(request) {
  return new Request(request.url, {
    cache: "no-cache", credentials: "same-origin", redirect: request.mode === "navigate" ? "manual" : "follow"
  });
}

/* This build's cache, made when this worker was installed; null once a newer one has dropped it (this worker may
   still be answering a page then: it must not make its cache again). */
function ownCache() {
  return caches.has(CACHE).then(function (has) { return has ? caches.open(CACHE) : null; });
}

function networkFirst(request, page) {
  var at = key(new URL(request.url));
  return ownCache().then(function (cache) {
    if (!cache) return fetch(request);
    return new Promise(function (resolve, reject) {
      var done = false;
      function fromCache() {
        return cache.match(at).then(function (hit) {
          if (hit && !done) {
            done = true;
            if (page) served[at] = hit.headers.get(SAVED);
            resolve(hit);
          }
          return hit;
        });
      }
      var timer = page ? setTimeout(fromCache, SLOW_MS) : 0;
      fetch(page ? fresh(request) : request).then(function (response) {
        clearTimeout(timer);
        if (!done) {
          done = true;
          if (page) delete served[at];
          resolve(response);
        }
        return save(cache, at, response);
      }, function (error) {
        clearTimeout(timer);
        return fromCache().then(function (hit) { if (!hit && !done) { done = true; reject(error); } });
      }).catch(function () { /* a copy not saved (storage full): the page was shown all the same */ });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (!ours(url)) return;
  var page = request.mode === "navigate" || /\/$|\.html$/.test(url.pathname);
  if (!page && !FILES.test(url.pathname)) return;  /* downloads, feeds, calendars: as without a service worker */
  event.respondWith(networkFirst(request, page));
});

/* What the reader's choice keeps: its program's list, cut to its cohort's (or all its cohorts') sessions not yet
   over, the first SETTINGS.upcoming of each, with their readings. */
function wanted(choice, cache, now) {
  var parts = String(choice || "").split("/");
  if (!/^[a-z0-9-]+$/.test(parts[0]) || (parts[1] && !/^[a-z0-9-]+$/.test(parts[1]))) return Promise.resolve([]);
  var listUrl = SCOPE + SETTINGS.lists + parts[0] + ".json";
  /* the build's list: this cache is this build's, so a list once kept is the list */
  return cache.match(listUrl).then(function (hit) {
    return hit || fetch(listUrl).then(function (response) {
      return save(cache, listUrl, response.clone()).then(function () { return response; });
    });
  }).then(function (response) {
    return keepable(response) || response.headers.has(SAVED) ? response.json() : { pages: [], cohorts: {} };
  }).catch(function () { return { pages: [], cohorts: {} }; }).then(function (list) {
    var out = list.pages.slice();
    Object.keys(list.cohorts).forEach(function (id) {
      if (parts[1] && id !== parts[1]) return;
      var cohort = list.cohorts[id];
      out = out.concat(cohort.pages);
      cohort.sessions.filter(function (s) { return s.end > now; }).slice(0, SETTINGS.upcoming)
        .forEach(function (s) { out = out.concat([s.url], s.readings); });
    });
    return out;
  });
}

/* Keep the pages every reader keeps and those of ``choice`` (as of ``now``) in ``cache`` (those already there stay). */
function keep(cache, choice, now) {
  if (!cache) return Promise.resolve();
  return cache.put(CHOICE, new Response(JSON.stringify({ choice: choice || "" }))).then(function () {
    return wanted(choice, cache, now || Date.now());
  }).then(function (pages) {
    var all = SETTINGS.keep.concat(pages).map(function (path) { return new URL(path, SCOPE); }).filter(ours);
    return Promise.all(all.map(function (url) {
      var at = key(url);
      return cache.match(at).then(function (hit) {
        if (hit) return null;
        return fetch(url.href, { cache: "no-cache" }).then(function (response) {
          return save(cache, at, response);
        }, function () {});
      });
    }));
  }).then(function () {
    return self.clients.matchAll({ includeUncontrolled: true });
  }).then(function (pages) {  /* done: the pages say so (html[data-hg-kept], hubgen.js) */
    pages.forEach(function (p) { p.postMessage({ hubgen: "kept", build: SETTINGS.build, choice: choice || "" }); });
  });
}

self.addEventListener("install", function (event) {
  /* the pages of the reader's choice, as the build before kept it: in the new cache before the old one goes */
  event.waitUntil(caches.keys().then(function (names) {
    var before = names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; });
    return Promise.all(before.map(function (n) {
      return caches.open(n).then(function (c) { return c.match(CHOICE); })
        .then(function (hit) { return hit ? hit.json() : {}; });
    }));
  }).then(function (choices) {
    var choice = choices.map(function (c) { return c.choice; }).filter(Boolean)[0] || "";
    return caches.open(CACHE).then(function (cache) { return keep(cache, choice); });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

/* From the pages: {hubgen: "keep", choice} (the reader's program: keep its pages); {hubgen: "saved", url} (was that
   page answered from the cache, saved when? the answer on the message's port). */
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.hubgen === "keep") {
    var now = typeof data.now === "number" ? data.now : Date.now();  /* the page's clock (a test may set it) */
    var choice = typeof data.choice === "string" ? data.choice : "";
    event.waitUntil(ownCache().then(function (cache) { return keep(cache, choice, now); }));
  } else if (data.hubgen === "saved" && event.ports[0]) {
    var at = key(new URL(String(data.url), SCOPE));
    event.ports[0].postMessage({ saved: served[at] || null, build: SETTINGS.build });
  }
});
