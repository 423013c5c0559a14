// Keyboard shortcuts only: "/" focuses the search box; "j"/"k" step through the quotations of
// an article. Every page works without this file.
"use strict";
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target instanceof HTMLElement && target.closest("input, textarea, select")) return;
  if (event.key === "/") {
    const box = document.getElementById("site-q");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
    return;
  }
  if (event.key === "j" || event.key === "k") {
    const quotes = Array.from(document.querySelectorAll(".article-text .hl-quote[tabindex]"));
    if (!quotes.length) return;
    const at = quotes.indexOf(document.activeElement);
    const next = event.key === "j" ? Math.min(at + 1, quotes.length - 1) : Math.max(at - 1, 0);
    quotes[next].focus();
  }
});
