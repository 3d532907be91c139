// The segur-kg query page: a SPARQL editor (YASQE) and results (YASR) from the vendored
// @zazuko/yasgui (vendor/yasgui/VERSION), the saved queries with a form for their parameters, and a
// URL that reproduces the query. Nothing is fetched from outside this server: the editor's
// autocompleters that ask the web (Linked Open Vocabularies) are removed, the prefixes it completes
// come from /prefixes, and the page's CSP forbids any other source anyway.
"use strict";

const TEXTS = {
  fr: {
    title: "Requêtes SPARQL", saved: "Requêtes enregistrées", choose: "— choisir une requête —", query: "Requête",
    prefixes: "Préfixes déjà déclarés :", run: "Exécuter", shortcut: "(Ctrl+Entrée)", editor: "Éditeur :",
    endpoint: "Point d'accès SPARQL 1.1 en lecture seule :", running: "Exécution…",
    rows: (n) => `${n} résultat${n > 1 ? "s" : ""}`, triples: "Graphe", network: "Le serveur ne répond pas.",
    params: "Paramètres", optional: "facultatif", other: "English", otherLang: "en",
    explorer: "Explorateur de périmètres", ontology: "Ontologie", rules: "Règles",
    needs: "Les décisions du moteur à la date as_of sont dérivées sur le serveur avant l'exécution.",
    edited: "Texte modifié : la requête s'exécute telle quelle, sans les paramètres.",
    ask: "Ce lien demande d'exécuter la requête ci-dessus : relisez-la, puis cliquez sur Exécuter.",
  },
  en: {
    title: "SPARQL queries", saved: "Saved queries", choose: "— pick a query —", query: "Query",
    prefixes: "Prefixes already declared:", run: "Run", shortcut: "(Ctrl+Enter)", editor: "Editor:",
    endpoint: "Read-only SPARQL 1.1 endpoint:", running: "Running…",
    rows: (n) => `${n} result${n === 1 ? "" : "s"}`, triples: "Graph", network: "The server does not answer.",
    params: "Parameters", optional: "optional", other: "Français", otherLang: "fr",
    explorer: "Perimeter explorer", ontology: "Ontology", rules: "Rules",
    needs: "The engine's decisions as of as_of are derived on the server before the query runs.",
    edited: "Text edited: the query runs as it is, without the parameters.",
    ask: "This link asks to run the query above: read it, then press Run.",
  },
};
const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
const DEFAULT_QUERY = "SELECT ?dispositif ?id WHERE {\n  ?dispositif a sgr:Dispositif ; dcterms:identifier ?id .\n} ORDER BY ?id";
// The page's own parameters in its URL; every other one is a saved query's parameter.
const PAGE_PARAMETERS = new Set(["lang", "name", "query", "run"]);

const $ = (id) => document.getElementById(id);
const url = new URL(window.location.href);
let lang = url.searchParams.get("lang") === "en" ? "en" : "fr";
let saved = [];
let prefixes = {};
let yasqe = null;
let yasr = null;

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

function selected() {
  return saved.find((s) => s.name === $("saved").value) || null;
}

// The saved query runs with its form only while its text is the saved one.
function runsSaved() {
  const q = selected();
  return q && yasqe.getValue() === q.text ? q : null;
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
  // The other pages of the server, in this page's language.
  for (const link of document.querySelectorAll("a.nav")) {
    const target = new URL(link.getAttribute("href"), window.location.href);
    target.searchParams.set("lang", lang);
    link.href = target.pathname + target.search;
  }
  for (const option of $("saved").options) {
    const q = saved.find((s) => s.name === option.value);
    if (q) option.textContent = q.title[lang];
  }
  showQuestion();
  showForm(formValues());
}

function showQuestion() {
  const box = $("question");
  box.replaceChildren();
  const q = selected();
  if (!q) return;
  if (q.question[lang]) box.append(q.question[lang]);
  if (q.needs === "derived") box.append(el("br"), t("needs"));
}

// One field per parameter of the saved query, holding the given value, else the default.
function showForm(values) {
  const form = $("params");
  const q = selected();
  form.replaceChildren();
  form.hidden = !q || !q.parameters.length;
  if (!q) return;
  for (const p of q.parameters) {
    const input = el("input", { id: `param-${p.name}`, name: p.name, type: "text", spellcheck: "false", autocomplete: "off" });
    input.value = values[p.name] ?? p.default ?? "";
    input.placeholder = p.optional ? `${p.datatype}, ${t("optional")}` : p.datatype;
    input.addEventListener("input", () => keepInUrl());
    const label = el("label", { for: input.id }, el("code", {}, p.name), p.doc[lang] ? ` — ${p.doc[lang]}` : "");
    form.append(el("div", { class: "param" }, label, input));
  }
  showEdited();
}

function formValues() {
  const values = {};
  for (const input of $("params").querySelectorAll("input")) if (input.value.trim() !== "") values[input.name] = input.value.trim();
  return values;
}

function showEdited() {
  const q = selected();
  $("edited").hidden = !q || !yasqe || yasqe.getValue() === q.text;
}

// The page's URL reproduces the query: a saved query's name and parameters, or the text itself.
function keepInUrl() {
  const next = new URLSearchParams();
  if (lang !== "fr") next.set("lang", lang);
  const q = runsSaved();
  if (q) {
    next.set("name", q.name);
    for (const [key, value] of Object.entries(formValues())) next.set(key, value);
  } else if (yasqe) {
    next.set("query", yasqe.getValue());
  }
  history.replaceState(null, "", `?${next.toString()}`);
}

function showError(text) {
  $("error").textContent = text;
  $("error").hidden = false;
}

function setStatus(text, state) {
  $("status").textContent = text;
  $("status").dataset.state = state;
}

async function run() {
  const button = $("run");
  $("error").hidden = true;
  $("results").dataset.rows = "";
  setStatus(t("running"), "running");
  button.disabled = true;
  keepInUrl();
  const started = performance.now();
  try {
    const q = runsSaved();
    let response;
    if (q) {
      // Bound and run on the server with the command line's own code (and derived decisions).
      const search = new URLSearchParams({ ...formValues(), lang });
      response = await fetch(`/api/queries/${encodeURIComponent(q.name)}/results?${search}`, { headers: { Accept: ACCEPT } });
    } else {
      response = await fetch("/sparql", { method: "POST", headers: { Accept: ACCEPT }, body: new URLSearchParams({ query: yasqe.getValue() }) });
    }
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      showError(`${response.status} ${response.statusText}\n${text}`);
      setStatus("", "error");
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    let summary = t("triples");
    if (type.startsWith("application/sparql-results+json")) {
      const data = JSON.parse(text);
      if ("boolean" in data) summary = "ASK";
      else {
        summary = t("rows", data.results.bindings.length);
        $("results").dataset.rows = String(data.results.bindings.length);
      }
    }
    yasr.setResponse({ ok: true, status: response.status, statusText: response.statusText, headers: response.headers, type: response.type, content: text }, ms);
    setStatus(`${summary} · ${ms} ms`, "done");
  } catch (error) {
    showError(`${t("network")}\n${error}`);
    setStatus("", "error");
  } finally {
    button.disabled = false;
  }
}

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function makeEditor(text) {
  const Yasqe = window.Yasqe;
  // Offline: no completion from Linked Open Vocabularies; the prefixes completed are the server's.
  delete Yasqe.Autocompleters.class;
  delete Yasqe.Autocompleters.property;
  // Set on the defaults: the editor merges its options into them index by index, so a shorter list would not drop them.
  Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasqe.Autocompleters.prefixes.get = () => Promise.resolve(Object.entries(prefixes).map(([p, ns]) => `${p}: <${ns}>`).sort());
  yasqe = new Yasqe($("editor"), {
    value: text,
    persistenceId: null,
    showQueryButton: false,
    createShareableLink: null,
    consumeShareLink: null,
    resizeable: true,
    editorHeight: "280px",
    extraKeys: { "Ctrl-Enter": () => run(), "Cmd-Enter": () => run() },
  });
  yasqe.on("change", () => {
    showEdited();
    keepInUrl();
  });
  yasr = new window.Yasr($("results"), { persistenceId: null, prefixes, pluginOrder: ["table", "response"], defaultPlugin: "table" });
}

async function start() {
  applyLanguage();
  try {
    prefixes = await getJSON("/prefixes");
    $("prefixes").textContent = Object.keys(prefixes).map((p) => `${p}:`).join(" ");
    saved = await getJSON("/queries");
    for (const q of saved) $("saved").append(el("option", { value: q.name }, q.title[lang]));
  } catch (error) {
    showError(String(error));
  }
  const name = url.searchParams.get("name");
  const chosen = saved.find((s) => s.name === name);
  const given = url.searchParams.get("query");
  makeEditor(chosen ? chosen.text : given !== null ? given : DEFAULT_QUERY);
  const values = {};
  for (const [key, value] of url.searchParams) if (!PAGE_PARAMETERS.has(key)) values[key] = value;
  if (chosen) $("saved").value = chosen.name;
  applyLanguage();
  showForm(values);
  $("run").addEventListener("click", run);
  $("lang").addEventListener("click", (event) => {
    event.preventDefault();
    lang = t("otherLang");
    applyLanguage();
    keepInUrl();
  });
  $("saved").addEventListener("change", () => {
    const q = selected();
    if (q) yasqe.setValue(q.text);
    showQuestion();
    showForm({});
    keepInUrl();
  });
  $("params").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  document.body.dataset.ready = "true";
  if (url.searchParams.get("run") === "1") {
    // The server says "run" only when the browser told it this page was opened from itself or typed
    // in; a link from another site shows the query and asks first.
    const mode = document.querySelector('meta[name="segur-kg-run"]');
    if (mode && mode.content === "run") await run();
    else askFirst();
  }
}

function askFirst() {
  setStatus(t("ask"), "ask");
  $("run").focus();
}

start();
