// eslint for the JavaScript Hubgen ships (hubgen/assets/*.js): `make lint` runs it as
// `eslint -c tools/lint/eslint.config.js hubgen/assets` from the repository root.
// The recommended rules, for scripts that run in the browser as they are (no bundler, no modules): ES2020, which the
// assets already use (import() of facets.js), with the browser's globals and the two Hubgen and Material define.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["hubgen/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        ...globals.browser,
        document$: "readonly",  // Material for MkDocs: an observable of each page, instant navigation included
        __md_get: "readonly",  // Material for MkDocs: its storage helper
        __md_set: "readonly",
      },
    },
    rules: {
      // `catch (e) { ... }` without using e: the ES5 form the scripts keep throughout (storage that is off, JSON
      // that does not parse); the binding says nothing is wrong.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // RIS tags are "TY  - " with two spaces, written here as the format writes them.
      "no-regex-spaces": "off",
    },
  },
];
