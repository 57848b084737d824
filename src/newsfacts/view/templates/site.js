"use strict";
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const marks = {};
  for (const m of data.marks) marks[m.id] = m;
  const details = document.getElementById("details");
  const FIELDS = {
    events: ["event_id", "summary", "cameo_code", "cameo_label", "quad_class", "plover_type", "plover_label", "plover_mode",
             "plover_context", "plover_aux_modes", "acled_event_type", "acled_sub_event_type", "date_text", "date_start",
             "date_end", "date_precision", "date_basis", "polarity", "modality", "tense", "asserted_by_name", "asserted_by",
             "attribution_text", "coding_note"],
    quotes: ["quote_id", "kind", "speaker_name", "speaker_id", "speaker_text", "speaker_resolution", "cue_verb", "detection",
             "part_of", "speech_event_id", "insertions", "coding_note"],
    actors: ["actor_id", "name", "actor_type", "country", "cameo_code", "sector", "title_text", "office_at_date", "aliases",
             "wikidata_qid", "coding_note"],
    places: ["place_id", "name", "place_type", "country", "wikidata_qid"],
    assets: ["asset_id", "name", "category", "designation", "manufacturer", "nato_name", "operator_id", "quantity_text",
             "quantity_value", "quantity_min", "quantity_max", "quantity_qualifier", "coding_note"],
    event_casualties: ["casualty_id", "event_id", "casualty_type", "victims", "quantity_text", "quantity_value",
                       "quantity_min", "quantity_max", "quantity_qualifier"],
  };

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function show(ids) {
    for (const a of document.querySelectorAll(".m.active")) a.classList.remove("active");
    details.replaceChildren(el("h2", "Details"));
    for (const id of ids) {
      const m = marks[id];
      if (!m) continue;
      for (const p of document.querySelectorAll('[data-m="' + id + '"]')) p.classList.add("active");
      const row = (data.rows[m.table] || {})[m.row] || {};
      const box = el("section", null, "row kind-" + m.kind);
      box.dataset.mark = id;
      box.appendChild(el("h3", m.kind + ": \u201c" + m.text + "\u201d"));
      const dl = el("dl");
      for (const f of FIELDS[m.table] || []) {
        const v = row[f];
        if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
        dl.appendChild(el("dt", f));
        const dd = el("dd", Array.isArray(v) ? v.join(", ") : v);
        dd.dataset.field = f;
        dl.appendChild(dd);
      }
      if (m.table === "events") eventParts(row, box);
      box.appendChild(dl);
      details.appendChild(box);
    }
  }

  // Who did what to whom, with what, and the same event as other articles report it.
  function eventParts(row, box) {
    const parts = [["who", "Actors", (x) => x.role + ": " + (x.name || x.actor_id)],
                   ["with", "Assets", (x) => x.role + ": " + (x.name || x.asset_id)]];
    for (const [key, title, text] of parts) {
      if (!(row[key] || []).length) continue;
      box.appendChild(el("h4", title));
      const ul = el("ul", null, "event-" + key);
      for (const x of row[key]) { const li = el("li", text(x)); li.dataset.role = x.role; ul.appendChild(li); }
      box.appendChild(ul);
    }
    if ((row.linked || []).length) {
      box.appendChild(el("h4", "Linked events in other articles"));
      const ul = el("ul", null, "event-linked");
      for (const x of row.linked) {
        const li = el("li", x.judgment.replace("_", " ") + ": ");
        const a = el("a", x.summary || x.event_id);
        a.href = x.href;  // a page of this site, built from ids the build checked: never a URL from the data
        li.appendChild(a);
        li.appendChild(el("span", " (" + x.publisher + ", " + x.article + ")"));
        ul.appendChild(li);
      }
      box.appendChild(ul);
    }
  }

  function marksAt(node) {
    const ids = [];
    for (let n = node; n && n.id !== "text"; n = n.parentElement) if (n.dataset && n.dataset.m) ids.push(n.dataset.m);
    return ids.reverse();
  }

  const text = document.getElementById("text");
  text.addEventListener("click", (ev) => { const ids = marksAt(ev.target); if (ids.length) show(ids); });
  text.addEventListener("focusin", (ev) => { if (ev.target.dataset && ev.target.dataset.m) show(marksAt(ev.target)); });
  text.addEventListener("keydown", (ev) => {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.dataset && ev.target.dataset.m) { ev.preventDefault(); show(marksAt(ev.target)); }
  });

  function goto(id) {
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.focus();
    show([id]);
  }
  // Arriving from a linked event of another article (page#event-<slug>): show that event.
  if (location.hash.startsWith("#event-")) {
    const li = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const a = li && li.querySelector("[data-goto]");
    if (a && a.dataset.goto) goto(a.dataset.goto);
  }
  for (const a of document.querySelectorAll("[data-goto]")) {
    a.addEventListener("click", (ev) => { ev.preventDefault(); goto(a.dataset.goto); });
    a.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); goto(a.dataset.goto); } });
  }
})();
