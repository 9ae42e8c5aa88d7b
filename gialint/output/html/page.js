/* gialint review page: one report at a time (built from its inert
   <noscript> text when first opened), filters, sortable tables, markers
   and notes lit together, n / p to step through the findings.  No network,
   no library; without this script the page still works (all reports are
   markup then, shown one at a time as :target). */
(function () {
  "use strict";
  var doc = document, body = doc.body;
  body.classList.remove("nojs");
  body.classList.add("js");
  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function ids(el) { return (el.getAttribute("data-f") || "").split(" ").filter(Boolean); }

  /* -- filters: severity, category, rule ------------------------------- */
  var form = doc.getElementById("filters");
  var output = doc.getElementById("shown");
  var fileRows = all("#files tbody tr");
  var ruleCat = {};
  all('input[name="rule"]', form).forEach(function (i) { ruleCat[i.value] = i.dataset.cat; });
  var SEV = { e: "error", w: "warning", i: "info" };
  function chosen(name) {
    var out = {};
    all('input[name="' + name + '"]', form).forEach(function (i) { if (i.checked) { out[i.value] = true; } });
    return out;
  }
  function wanted() {
    var sev = chosen("sev"), cat = chosen("cat"), rule = chosen("rule");
    return function (s, c, r) { return !!(sev[s] && cat[c] && rule[r]); };
  }
  function filterReport(section, ok) {
    var visible = {};
    all("aside.note", section).forEach(function (n) {
      var on = ok(n.dataset.sev, n.dataset.cat, n.dataset.rule);
      n.classList.toggle("off", !on);
      if (on) { visible[n.dataset.f] = true; }
    });
    all(".mk:not(.note)", section).forEach(function (m) {
      m.classList.toggle("off", !ids(m).some(function (id) { return visible[id]; }));
    });
    all("[data-i]", section).forEach(function (c) {
      c.classList.toggle("off-i", !c.getAttribute("data-i").split(" ").some(function (id) { return visible[id]; }));
    });
  }
  function applyFilters() {
    var ok = wanted(), shown = 0, total = 0;
    var counts = fileRows.map(function (tr) {
      var count = 0;
      (tr.dataset.fs || "").split(" ").filter(Boolean).forEach(function (item) {
        var p = item.split(":"), k = Number(p[2]);
        total += k;
        if (ok(SEV[p[1]], ruleCat[p[0]], p[0])) { count += k; }
      });
      shown += count;
      return count;
    });
    var filtering = shown !== total;
    fileRows.forEach(function (tr, k) {
      var td = tr.querySelector("td.shown");
      td.textContent = counts[k];
      td.dataset.v = counts[k];
      tr.classList.toggle("off", filtering && counts[k] === 0);
    });
    all("section.report.built").forEach(function (s) { filterReport(s, ok); });
    if (output) { output.textContent = "显示 " + shown + " / " + total + " 个问题"; }
  }
  if (form) {
    form.addEventListener("change", applyFilters);
    form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
  }

  /* -- one report at a time -------------------------------------------- */
  var current = null;
  function reportFor(id) {
    var m = /^(?:r|h)(\d+)$|^[nm](\d+)-\d+$/.exec(id);
    return m ? doc.getElementById("r" + (m[1] || m[2])) : null;
  }
  function build(section) {
    if (section.classList.contains("built")) { return; }
    var inert = section.querySelector(":scope > noscript");
    if (inert) {
      var html = inert.textContent;
      inert.remove();
      section.insertAdjacentHTML("beforeend", html);
    }
    section.classList.add("built");
    filterReport(section, wanted());
  }
  function show() {
    var id = decodeURIComponent(location.hash.slice(1));
    var section = reportFor(id);
    if (current && current !== section) { current.classList.remove("shown"); }
    current = section;
    body.classList.toggle("reading", !!section);
    if (section) {
      build(section);
      section.classList.add("shown");
    }
    var target = id ? doc.getElementById(id) : null;
    if (target) { target.scrollIntoView(); } else if (!id) { window.scrollTo(0, 0); }
  }
  window.addEventListener("hashchange", show);
  show();

  /* -- sortable tables ------------------------------------------------- */
  var collate = new Intl.Collator("zh-CN", { numeric: true }).compare;
  all("table.sortable").forEach(function (table) {
    var heads = all("thead th", table);
    heads.forEach(function (th, col) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = button.dataset.sort === "num", tbody = table.tBodies[0];
        var rows = Array.prototype.slice.call(tbody.rows).map(function (row, i) {
          var cell = row.cells[col], v = cell ? (cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent) : "";
          return { row: row, key: numeric ? Number(v) : v, i: i };
        });
        rows.sort(function (a, b) {
          var c = numeric ? a.key - b.key : collate(a.key, b.key);
          return (ascending ? c : -c) || a.i - b.i;
        });
        var frag = doc.createDocumentFragment();
        rows.forEach(function (r) { frag.appendChild(r.row); });
        tbody.appendChild(frag);
      });
    });
  });

  /* -- a marker, its note and the cells of a relation lit together ----- */
  var lit = [];
  function unlight() { lit.forEach(function (el) { el.classList.remove("hl"); }); lit = []; }
  function light(el) {
    unlight();
    var report = el.closest("section.report");
    if (!report) { return; }
    var term = el.closest(".term");
    if (term) {
      term.getAttribute("data-c").split(" ").filter(Boolean).forEach(function (ref) {
        var td = report.querySelector('td[data-k="' + ref + '"]');
        if (td) { lit.push(td); }
      });
      lit.push(term);
    } else {
      var holder = el.closest("[data-f]");
      if (!holder) { return; }
      ids(holder).forEach(function (id) {
        all('[data-f~="' + id + '"]', report).forEach(function (x) { lit.push(x); });
      });
    }
    lit.forEach(function (x) { x.classList.add("hl"); });
  }
  function onPoint(e) {
    var t = e.target;
    if (t && t.closest && t.closest(".mk, .note, .term")) { light(t); } else if (lit.length) { unlight(); }
  }
  doc.addEventListener("mouseover", onPoint);
  doc.addEventListener("focusin", onPoint);

  /* -- keyboard: n / p step through the open report's findings, Esc back */
  doc.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || tag === "button" || tag === "summary") {
      if (e.key !== "Escape") { return; }
    }
    if (e.key === "Escape") { if (current) { location.hash = "#overview"; } return; }
    if ((e.key !== "n" && e.key !== "p") || !current) { return; }
    var marks = all(".doc .mk:not(.off), .whole .mk:not(.off)", current);
    if (!marks.length) { return; }
    var at = marks.indexOf(doc.activeElement);
    var next = e.key === "n" ? (at + 1) % marks.length : (at <= 0 ? marks.length - 1 : at - 1);
    marks[next].focus();
    marks[next].scrollIntoView({ block: "center" });
    e.preventDefault();
  });

})();
