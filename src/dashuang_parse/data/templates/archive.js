// The archive page: click a column heading to sort its table (numbers as numbers, again to
// reverse); type in the search box to keep the rows containing the words.
"use strict";
(function () {
  function value(row, column) {
    const cell = row.cells[column];
    if (!cell) return "";
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
  }
  function sortBy(table, header) {
    const column = header.cellIndex;
    const descending = header.getAttribute("aria-sort") === "ascending";
    table.querySelectorAll("th[aria-sort]").forEach((th) => th.removeAttribute("aria-sort"));
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const numeric = rows.every((r) => value(r, column) === "" || !isNaN(Number(value(r, column))));
    const collator = new Intl.Collator("zh-CN", { numeric: true });
    rows.sort((a, b) => {
      const x = value(a, column), y = value(b, column);
      const order = numeric ? Number(x || 0) - Number(y || 0) : collator.compare(x, y);
      return descending ? -order : order;
    });
    body.append(...rows);
  }
  document.querySelectorAll("table.sortable").forEach((table) => {
    table.tHead.addEventListener("click", (event) => {
      const header = event.target.closest("th");
      if (header) sortBy(table, header);
    });
  });
  const search = document.getElementById("search");
  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    document.querySelectorAll("table.sortable tbody tr").forEach((row) => {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every((w) => text.includes(w));
    });
  });
  document.body.dataset.ready = "1";
})();
