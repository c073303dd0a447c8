// bireport's page: every view is a URL (`/?q=…&country=…`, `/record?id=…`), so a search can
// be shared and the back button works; the data comes from the JSON API. Text from the
// index is only ever set as text, never as markup.
"use strict";

const PAGE_SIZE = 10;
const FILTERS = ["country", "year", "kind"];
const FACET_TITLES = { lang: "Language", country: "Country", year: "Year", kind: "Kind" };
const LANG_NAMES = { lt: "Lithuanian", en: "English" };

const params = new URLSearchParams(location.search);
const view = document.getElementById("view");
const status = document.getElementById("status");

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function say(message) {
  status.textContent = message;
}

function alertBox(message) {
  view.replaceChildren(el("p", { role: "alert" }, message));
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body && body.error ? body.error : { message: response.statusText };
    const where = error.position ? ` (at character ${error.position})` : "";
    throw new Error(error.message + where);
  }
  return body;
}

// A URL of the search page with `changes` applied to the current parameters.
function searchUrl(changes) {
  const next = new URLSearchParams(params);
  next.delete("offset");
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  return "/?" + next.toString();
}

function recordUrl(id) {
  return "/record?" + new URLSearchParams({ id }).toString();
}

function period(p) {
  return p ? `${p.start} – ${p.end}` : "no period";
}

// `text` with the byte ranges `ranges` (UTF-8, as the API gives them) marked.
function marked(text, ranges, attributes = {}) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.slice(a, b));
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > bytes.length) continue;
    parts.push(decode(at, start), el("mark", attributes, decode(start, end)));
    at = end;
  }
  parts.push(decode(at, bytes.length));
  return parts;
}

function fillForm() {
  document.getElementById("q").value = params.get("q") || "";
  document.getElementById("lang").value = params.get("lang") || "";
  document.getElementById("sort").value = params.get("sort") || "score";
  document.getElementById("cross").checked = params.get("cross") === "true";
  // Filters chosen from the facets stay on when the query changes.
  const kept = document.getElementById("kept");
  for (const name of FILTERS) {
    if (params.get(name)) kept.append(el("input", { type: "hidden", name, value: params.get(name) }));
  }
}

function facetList(name, counts) {
  const active = params.get(name);
  const items = Object.entries(counts || {})
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([value, count]) => {
      const label = name === "lang" ? `${LANG_NAMES[value] || value}` : value;
      if (active === value) {
        return el("li", { class: "active" }, `${label} `, el("span", { class: "count" }, `(${count}) `),
          el("a", { href: searchUrl({ [name]: null }), "aria-label": `Remove filter ${FACET_TITLES[name]}: ${label}` }, "remove"));
      }
      return el("li", {}, el("a", { href: searchUrl({ [name]: value }), "data-facet": name }, label),
        " ", el("span", { class: "count" }, `(${count})`));
    });
  return el("section", { "aria-labelledby": `facet-${name}` },
    el("h3", { id: `facet-${name}` }, FACET_TITLES[name]), el("ul", {}, items));
}

function hitItem(hit) {
  const heading = hit.title || hit.partner || hit.id;
  const facts = [hit.country, period(hit.period), hit.id].filter(Boolean).join(" · ");
  return el("li", { class: "hit", lang: hit.lang },
    el("h2", {}, el("a", { href: recordUrl(hit.id) }, heading)),
    el("p", { class: "meta" }, el("span", { class: "lang", title: LANG_NAMES[hit.lang] || "" }, hit.lang), " ", facts,
      hit.via_counterpart ? " · found through its counterpart" : ""),
    el("p", { class: "snippet" }, marked(hit.snippet_text, hit.highlights)),
    hit.counterpart ? el("p", { class: "meta" }, el("a", { href: recordUrl(hit.id) }, "Side by side with its counterpart")) : null);
}

async function showSearch() {
  const query = params.get("q");
  if (!query) {
    say("Type a word or a phrase, in Lithuanian or English.");
    return;
  }
  const request = new URLSearchParams({ q: query, limit: PAGE_SIZE });
  for (const name of ["lang", "sort", "cross", "offset", ...FILTERS]) {
    if (params.get(name)) request.set(name, params.get(name));
  }
  say("Searching…");
  const results = await api("/api/search?" + request.toString());
  const offset = Number(params.get("offset") || 0);
  document.title = `${query} – bireport`;
  if (results.total === 0) {
    say(`Nothing matches ${query}.`);
    view.replaceChildren(...results.hints.map((hint) => el("p", {}, hint)));
    return;
  }
  const last = Math.min(offset + results.hits.length, results.total);
  say(`Results ${offset + 1}–${last} of ${results.total} for ${query}`);
  const facets = el("nav", { class: "facets", "aria-label": "Filters" }, el("h2", {}, "Filters"),
    ["lang", "country", "year", "kind"].map((name) => facetList(name, results.facets[name])));
  const paging = el("nav", { class: "paging", "aria-label": "Pages" },
    offset > 0 ? el("a", { href: searchUrl({ offset: String(Math.max(0, offset - PAGE_SIZE)) }), rel: "prev" }, "← Previous") : null,
    last < results.total ? el("a", { href: searchUrl({ offset: String(offset + PAGE_SIZE) }), rel: "next" }, "Next →") : null);
  const expanded = results.expanded.length
    ? el("p", { class: "meta" }, "Also searched: ", results.expanded.map((e) => `${e.word} → ${e.also.join(", ")}`).join("; "))
    : null;
  view.replaceChildren(el("div", { class: "results" }, facets,
    el("section", { "aria-label": "Results" }, expanded, el("ol", { class: "hits", start: offset + 1 }, results.hits.map(hitItem)), paging)));
}

// Where the evidence's words stand in one record (`which`: "record" or "counterpart"):
// each text's JSON pointer (`/sections/0/text`) to its byte ranges, in order.
function evidenceMarks(evidence, which) {
  const byField = new Map();
  for (const item of evidence) {
    for (const mark of item.marks[which]) {
      byField.set(mark.field, (byField.get(mark.field) || []).concat(mark.ranges));
    }
  }
  for (const ranges of byField.values()) ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return (field) => byField.get(field) || [];
}

function side(record, lang, marks) {
  const heading = lang === "lt" ? "Lietuviškai" : "In English";
  if (!record) {
    return el("article", { class: "side", lang }, el("h2", {}, heading),
      el("p", { class: "missing" }, lang === "lt" ? "No Lithuanian counterpart." : "No English counterpart."));
  }
  const named = (text, field) => marked(text, marks(field), { class: "named" });
  const partners = record.partners.map((p, i) => [i > 0 ? "; " : null, named(p.name, `/partners/${i}/name`), p.country ? ` (${p.country})` : null]);
  return el("article", { class: "side", lang, "data-id": record.id },
    el("h2", {}, heading),
    el("p", { class: "meta" }, `${record.id} · ${period(record.period)}`),
    record.title ? el("h3", {}, named(record.title, "/title")) : null,
    partners.length ? el("p", {}, el("strong", {}, lang === "lt" ? "Partneris: " : "Partner: "), partners) : null,
    record.sections.map((section, i) => [
      section.label ? el("h3", {}, section.label) : null,
      el("p", { class: "text" }, named(section.text, `/sections/${i}/text`)),
    ]));
}

async function showRecord() {
  const id = params.get("id");
  if (!id) {
    alertBox("No record id in the address.");
    return;
  }
  say("Loading…");
  const pair = await api(`/api/records/${encodeURIComponent(id)}/counterpart`);
  const recordMarks = evidenceMarks(pair.evidence, "record");
  const counterpartMarks = evidenceMarks(pair.evidence, "counterpart");
  const recordIsLt = pair.record.lang.code === "lt";
  const [lt, en] = recordIsLt ? [pair.record, pair.counterpart] : [pair.counterpart, pair.record];
  const [ltMarks, enMarks] = recordIsLt ? [recordMarks, counterpartMarks] : [counterpartMarks, recordMarks];
  document.title = `${id} – bireport`;
  say(pair.counterpart ? `${id} and its counterpart ${pair.counterpart.id}` : `${id} has no counterpart`);
  const evidence = pair.counterpart
    ? el("section", { class: "evidence", "aria-labelledby": "why" },
        el("h2", { id: "why" }, `Why they are a pair (score ${pair.score.toFixed(2)})`),
        el("ul", {}, pair.evidence.map((item) => el("li", { "data-kind": item.kind }, item.text))))
    : el("section", { class: "evidence", "aria-labelledby": "why" },
        el("h2", { id: "why" }, "Closest records of the other language"),
        pair.no_candidates ? el("p", {}, pair.no_candidates) : null,
        el("ul", {}, (pair.candidates || []).map((c) => el("li", {}, el("a", { href: recordUrl(c.id) }, c.id),
          ` (score ${c.score.toFixed(2)}; lacks: ${c.missing.join(", ") || "nothing"})`))));
  const back = document.referrer && new URL(document.referrer).origin === location.origin
    ? el("p", {}, el("a", { href: document.referrer }, "← Back to the results")) : null;
  view.replaceChildren(back, el("div", { class: "pair" }, side(lt, "lt", ltMarks), side(en, "en", enMarks)), evidence);
}

fillForm();
(location.pathname === "/record" ? showRecord() : showSearch()).catch((error) => {
  say("");
  alertBox(error.message);
});
