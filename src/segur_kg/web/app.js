// The segur-kg query page: pick or write a query, run it on /sparql, show the results.
// No dependency, nothing fetched from outside this server (the page's CSP forbids it anyway).
"use strict";

const TEXTS = {
  fr: {
    title: "Requêtes SPARQL", saved: "Requêtes enregistrées", choose: "— choisir une requête —", query: "Requête",
    prefixes: "Préfixes déjà déclarés :", run: "Exécuter", shortcut: "(Ctrl+Entrée)",
    endpoint: "Point d'accès SPARQL 1.1 en lecture seule :", running: "Exécution…",
    rows: (n) => `${n} résultat${n > 1 ? "s" : ""}`, triples: "Graphe", network: "Le serveur ne répond pas.",
    params: "Paramètres", needs: "Nécessite les décisions dérivées (segur-kg derive).", other: "English", otherLang: "en",
    ask: "Ce lien demande d'exécuter la requête ci-dessus : relisez-la, puis cliquez sur Exécuter.",
  },
  en: {
    title: "SPARQL queries", saved: "Saved queries", choose: "— pick a query —", query: "Query",
    prefixes: "Prefixes already declared:", run: "Run", shortcut: "(Ctrl+Enter)",
    endpoint: "Read-only SPARQL 1.1 endpoint:", running: "Running…",
    rows: (n) => `${n} result${n === 1 ? "" : "s"}`, triples: "Graph", network: "The server does not answer.",
    params: "Parameters", needs: "Needs the derived decisions (segur-kg derive).", other: "Français", otherLang: "fr",
    ask: "This link asks to run the query above: read it, then press Run.",
  },
};
const QUIET_TYPES = new Set(["string", "integer", "decimal", "double", "boolean"].map((t) => "http://www.w3.org/2001/XMLSchema#" + t));

const $ = (id) => document.getElementById(id);
const url = new URL(window.location.href);
let lang = url.searchParams.get("lang") === "en" ? "en" : "fr";
let saved = [];
let prefixes = {};

function t(key, ...args) {
  const value = TEXTS[lang][key];
  return typeof value === "function" ? value(...args) : value;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  const toggle = $("lang");
  toggle.textContent = t("other");
  toggle.hreflang = t("otherLang");
  const next = new URL(window.location.href);
  next.searchParams.set("lang", t("otherLang"));
  toggle.href = next.search;
  for (const option of $("saved").options) {
    const q = saved.find((s) => s.name === option.value);
    if (q) option.textContent = q.title[lang];
  }
  showQuestion();
}

function showQuestion() {
  const box = $("question");
  box.replaceChildren();
  const q = saved.find((s) => s.name === $("saved").value);
  if (!q) return;
  if (q.question[lang]) box.append(q.question[lang]);
  if (q.params.length) box.append(el("br"), `${t("params")} : ${q.params.join(" ; ")}`);
  if (q.needs === "derived") box.append(el("br"), t("needs"));
}

// For reading, not for pasting: a local part may keep its '/' (the full IRI is in the tooltip).
function compact(iri) {
  let best = null;
  for (const [prefix, ns] of Object.entries(prefixes)) {
    if (iri.startsWith(ns) && /^[\w\-./%]*$/.test(iri.slice(ns.length)) && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : `<${iri}>`;
}

function term(value) {
  if (!value) return "";
  if (value.type === "uri") return el("span", { class: "iri", title: value.value }, compact(value.value));
  if (value.type === "bnode") return `_:${value.value}`;
  if (value.type === "triple") {
    const v = value.value;
    return el("span", {}, "<< ", term(v.subject), " ", term(v.predicate), " ", term(v.object), " >>");
  }
  const span = el("span", {}, value.value);
  if (value["xml:lang"]) span.append(el("span", { class: "lang" }, ` @${value["xml:lang"]}`));
  else if (value.datatype && !QUIET_TYPES.has(value.datatype)) span.append(el("span", { class: "dt" }, ` ^^${compact(value.datatype)}`));
  return span;
}

function renderTable(data) {
  const vars = data.head.vars || [];
  const rows = data.results.bindings;
  const head = el("tr", {}, ...vars.map((v) => el("th", { scope: "col" }, v)));
  const body = el("tbody");
  for (const row of rows) body.append(el("tr", {}, ...vars.map((v) => el("td", {}, term(row[v])))));
  $("results").replaceChildren(el("table", { id: "results-table", "data-rows": String(rows.length) }, el("thead", {}, head), body));
  return t("rows", rows.length);
}

function showError(text) {
  $("error").textContent = text;
  $("error").hidden = false;
}

async function run() {
  const button = $("run");
  const status = $("status");
  $("error").hidden = true;
  $("results").replaceChildren();
  status.textContent = t("running");
  status.dataset.state = "running";
  button.disabled = true;
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" },
      body: new URLSearchParams({ query: $("query").value }),
    });
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      showError(`${response.status} ${response.statusText}\n${text}`);
      status.textContent = "";
      status.dataset.state = "error";
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    let summary;
    if (type.startsWith("application/sparql-results+json")) {
      const data = JSON.parse(text);
      if ("boolean" in data) {
        $("results").replaceChildren(el("p", { id: "results-boolean", class: "boolean" }, String(data.boolean)));
        summary = "ASK";
      } else {
        summary = renderTable(data);
      }
    } else {
      $("results").replaceChildren(el("pre", { id: "results-graph", class: "graph" }, text));
      summary = t("triples");
    }
    status.textContent = `${summary} · ${ms} ms`;
    status.dataset.state = "done";
  } catch (error) {
    showError(`${t("network")}\n${error}`);
    status.textContent = "";
    status.dataset.state = "error";
  } finally {
    button.disabled = false;
  }
}

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function start() {
  $("run").addEventListener("click", run);
  $("query").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  $("lang").addEventListener("click", (event) => {
    event.preventDefault();
    lang = t("otherLang");
    const here = new URL(window.location.href);
    here.searchParams.set("lang", lang);
    history.replaceState(null, "", here.search);
    applyLanguage();
  });
  $("saved").addEventListener("change", () => {
    const q = saved.find((s) => s.name === $("saved").value);
    if (q) $("query").value = q.text;
    showQuestion();
  });
  const given = url.searchParams.get("query");
  if (given !== null) $("query").value = given;
  applyLanguage();
  try {
    prefixes = await getJSON("/prefixes");
    $("prefixes").textContent = Object.keys(prefixes).map((p) => `${p}:`).join(" ");
    saved = await getJSON("/queries");
    for (const q of saved) $("saved").append(el("option", { value: q.name }, q.title[lang]));
  } catch (error) {
    showError(String(error));
  }
  if (url.searchParams.get("run") === "1") {
    // The server says "run" only when the browser told it this page was opened from itself or typed
    // in; a link from another site shows the query and asks first.
    const mode = document.querySelector('meta[name="segur-kg-run"]');
    if (mode && mode.content === "run") await run();
    else askFirst();
  }
}

function askFirst() {
  const status = $("status");
  status.textContent = t("ask");
  status.dataset.state = "ask";
  $("run").focus();
}

start();
