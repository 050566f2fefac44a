// The notice page: hovering or clicking a section or task in the tree highlights its span in
// the text (elements .m-section / .m-task / .m-diag carrying the same data- key); clicking the
// text finds the innermost task or section in the tree. One listener per event for the whole
// page, so a notice with thousands of tasks costs nothing to set up.
"use strict";
(function () {
  const text = document.getElementById("text");
  const tree = document.getElementById("tree");
  let active = [];

  // The elements of a key's span in the text: several when a crossing mark was split.
  function pieces(kind, key) {
    return text.querySelectorAll(".m-" + kind + '[data-' + kind + '="' + key + '"]');
  }
  // The tree item (or diagnostic) of a key, and the kind of thing it is.
  function target(element) {
    for (const kind of ["task", "diag", "section"]) {
      const key = element.dataset[kind];
      if (key) return { kind: kind, key: key };
    }
    return null;
  }
  function hover(kind, key, on) {
    pieces(kind, key).forEach((e) => e.classList.toggle("hover", on));
  }
  function activate(kind, key, scrollText) {
    active.forEach((e) => e.classList.remove("active"));
    const found = Array.from(pieces(kind, key));
    const item = document.getElementById(key);
    active = found.slice();
    if (item) active.push(item);
    active.forEach((e) => e.classList.add("active"));
    if (scrollText && found.length) found[0].scrollIntoView({ block: "center" });
    return item;
  }
  function open(item) {
    for (let e = item; e; e = e.parentElement) if (e.tagName === "DETAILS") e.open = true;
  }

  function treeTarget(event) {
    const element = event.target.closest(".task, .goto, .goto-diag, summary");
    if (!element) return null;
    if (element.tagName === "SUMMARY") return target(element.parentElement);
    return target(element);
  }
  for (const area of [tree, document.getElementById("diagnostics")]) {
    if (!area) continue;
    area.addEventListener("mouseover", (event) => {
      const t = treeTarget(event);
      if (t) hover(t.kind, t.key, true);
    });
    area.addEventListener("mouseout", (event) => {
      const t = treeTarget(event);
      if (t) hover(t.kind, t.key, false);
    });
    area.addEventListener("click", (event) => {
      const element = event.target.closest(".task, .goto, .goto-diag");
      if (!element) return;  // a click on a summary only opens or closes it
      event.preventDefault();
      const t = target(element);
      if (t) activate(t.kind, t.key, true);
    });
    area.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const t = treeTarget(event);
      if (t) activate(t.kind, t.key, true);
    });
  }
  text.addEventListener("click", (event) => {
    const element = event.target.closest(".m-task, .m-section, .m-diag");
    if (!element) return;
    const t = target(element);
    const item = activate(t.kind, t.key, false);
    if (item) {
      open(item);
      item.scrollIntoView({ block: "center" });
    }
  });
  document.getElementById("expand").addEventListener("click", () => {
    tree.querySelectorAll("details").forEach((e) => (e.open = true));
  });
  document.getElementById("collapse").addEventListener("click", () => {
    tree.querySelectorAll("details").forEach((e) => (e.open = false));
  });
  document.body.dataset.ready = "1";
})();
