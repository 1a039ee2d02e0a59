// vnnews dashboard: plain DOM + an inline SVG bar chart, fed by the JSON API of the same server.
// Data is put in the page with textContent only, never innerHTML: article text is untrusted.
"use strict";

const state = { site: "", from: "", to: "", interval: "day", entity: "" };
const SVG = "http://www.w3.org/2000/svg";
const numberFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

function $(selector) { return document.querySelector(selector); }

function el(tag, attrs = {}, text = null) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== null) node.textContent = text;
  return node;
}

async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const response = await fetch(`${path}?${query}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function filterParams() {
  return { site: state.site, from: state.from, to: state.to, entity: state.entity };
}

function renderStats(stats) {
  const span = stats.first_published ? `, published ${stats.first_published} – ${stats.last_published}` : "";
  $("#stats").textContent = `${stats.articles} articles from ${stats.sites.length} sites, ` +
    `${stats.entities} entity mentions, ${stats.facts} facts${span}`;
  const select = $("#site");
  for (const site of stats.sites) select.append(el("option", { value: site }, site));
}

function renderTimeline(buckets) {
  const box = $("#timeline");
  box.replaceChildren();
  if (!buckets.length) { box.append(el("p", { class: "muted" }, "no dated articles")); return; }
  const width = 1000, height = 220, left = 36, bottom = 40, top = 12;
  const max = Math.max(...buckets.map(b => b.count), 1);
  const step = (width - left) / buckets.length;
  const svg = el("svg:svg", { viewBox: `0 0 ${width} ${height}`, role: "img", preserveAspectRatio: "none" });
  svg.append(el("svg:line", { class: "axis", x1: left, y1: height - bottom, x2: width, y2: height - bottom }));
  svg.append(el("svg:text", { x: left - 6, y: top + 10, "text-anchor": "end" }, String(max)));
  svg.append(el("svg:text", { x: left - 6, y: height - bottom, "text-anchor": "end" }, "0"));
  const labelEvery = Math.ceil(buckets.length / 12);  // at most ~12 labels so they never overlap
  buckets.forEach((bucket, i) => {
    const h = (height - bottom - top) * bucket.count / max;
    const x = left + i * step + step * 0.1;
    const bar = el("svg:rect", {
      class: "bar", x: x.toFixed(1), y: (height - bottom - h).toFixed(1), width: (step * 0.8).toFixed(1),
      height: h.toFixed(1), "data-period": bucket.period, "data-count": bucket.count,
    });
    bar.append(el("svg:title", {}, `${bucket.period}: ${bucket.count} article(s)`));
    svg.append(bar);
    if (i % labelEvery === 0) {
      svg.append(el("svg:text", { x: (x + step * 0.4).toFixed(1), y: height - bottom + 16, "text-anchor": "middle" },
        bucket.period));
    }
  });
  box.append(svg);
}

function renderEntities(table, rows) {
  const body = table.tBodies[0];
  body.replaceChildren();
  if (!rows.length) {
    const none = el("tr");
    none.append(el("td", { class: "muted" }, "none"));
    body.append(none);
  }
  for (const row of rows) {
    const tr = el("tr");
    const name = el("button", { type: "button", title: `${row.articles} article(s)` }, row.name);
    name.addEventListener("click", () => { state.entity = row.name; refresh(); });
    tr.append(el("td"), el("td", { class: "num" }, String(row.mentions)));
    tr.firstChild.append(name);
    body.append(tr);
  }
}

function renderFacts(page) {
  const body = $("#facts").tBodies[0];
  body.replaceChildren();
  $("#facts-total").textContent = page.total > page.items.length
    ? `(first ${page.items.length} of ${page.total})` : `(${page.total})`;
  for (const fact of page.items) {
    const value = fact.value !== null ? numberFormat.format(fact.value)
      : `${numberFormat.format(fact.min)}–${numberFormat.format(fact.max)}`;
    const article = el("td");
    const link = el("a", { href: fact.article_url || `/articles/${fact.article_id}` }, fact.article_title || "article");
    article.append(link, " ", el("a", { href: `/articles/${fact.article_id}`, class: "muted" }, "json"));
    const text = el("td", { title: fact.sentence || "" }, fact.text);
    body.append(el("tr", { "data-article": fact.article_id }));
    body.lastChild.append(el("td", { class: "num" }, value), el("td", {}, fact.unit || ""),
      el("td", {}, fact.quantity_of || ""), el("td", {}, fact.date || ""), text, article);
  }
}

async function refresh() {
  document.body.dataset.ready = "0";
  $("#entity-filter").hidden = !state.entity;
  $("#entity-name").textContent = state.entity;
  $("#interval-name").textContent = state.interval;
  try {
    const params = filterParams();
    const tables = [...document.querySelectorAll("table.entities")];
    const [timeline, facts, ...entities] = await Promise.all([
      getJSON("/timeline", { ...params, interval: state.interval }),
      getJSON("/facts", { ...params, limit: 50 }),
      ...tables.map(t => getJSON("/entities", { ...params, label: t.dataset.label, limit: 10 })),
    ]);
    renderTimeline(timeline);
    renderFacts(facts);
    tables.forEach((t, i) => renderEntities(t, entities[i]));
    $("#error").hidden = true;
  } catch (error) {
    $("#error").textContent = `Could not load data: ${error.message}`;
    $("#error").hidden = false;
  }
  document.body.dataset.ready = "1";  // tests and scripts wait for this
}

function bindFilters() {
  for (const name of ["site", "from", "to", "interval"]) {
    $(`#${name}`).addEventListener("change", event => { state[name] = event.target.value; refresh(); });
  }
  $("#clear-entity").addEventListener("click", () => { state.entity = ""; refresh(); });
  $("#filters").addEventListener("submit", event => event.preventDefault());
}

async function main() {
  bindFilters();
  try {
    renderStats(await getJSON("/stats"));
  } catch (error) {
    $("#stats").textContent = `stats unavailable: ${error.message}`;
  }
  await refresh();
}

main();
