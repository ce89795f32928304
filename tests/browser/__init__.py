"""Browser tests: the built example hub driven through Debian's Chromium with Playwright."""
