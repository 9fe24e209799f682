// What every script of the history page shares: the API call, the page's state, small DOM
// helpers and the label names. Loaded first; app.js, trends.js, import.js and people.js use
// these globals. Every text from the database goes into the DOM as textContent, never as
// HTML: a post that contains <script> shows as those characters.
"use strict";

const TOKEN = document.querySelector('meta[name="spotlight-token"]').content;
const API = document.querySelector('meta[name="spotlight-api"]').content;
const PAGE_SIZE = 10;
// The label names come from the companion (companion/vocabulary.py LABEL_NAMES, in
// /settings), so the page, the CLI and the extension say the same words.
let LABELS = {};
const DIMENSIONS = ["spotlight", "engage", "help", "human", "learn", "substance"];
const COLORS = ["#2563eb", "#16a34a", "#d97706", "#db2777", "#7c3aed", "#0891b2", "#64748b"];

const state = { bucket: "week", filters: {}, offset: 0, total: 0, charts: {} };
// Other scripts (people.js) add async functions here; load() awaits them with the trends.
const LOAD_HOOKS = [];
const $ = (selector) => document.querySelector(selector);

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${TOKEN}` };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(API + path, {
    ...options,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      message = (await response.json()).error.message;
    } catch (_) { /* not JSON: keep the status line */ }
    throw new Error(message);
  }
  return options.raw ? response : response.json();
}

function showStatus(message, isError = false) {
  const status = $("#status");
  status.textContent = message;
  status.classList.toggle("error", isError);
  status.hidden = !message;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function percent(ratio) {
  return ratio === null || ratio === undefined ? "–" : `${Math.round(ratio * 100)}%`;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

function confirmAction(text, okLabel = "Delete") {
  const dialog = $("#confirm");
  $("#confirm-text").textContent = text;
  $("#confirm-ok").textContent = okLabel;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "cancel";
    dialog.showModal();
  });
}

function drawChart(id, config) {
  if (state.charts[id]) state.charts[id].destroy();
  config.options = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    ...config.options,
  };
  state.charts[id] = new Chart(document.getElementById(id), config);
}

const FILTER_NAMES = { since: "from", until: "to", site: "site", label: "label" };

/** The filters in words ("site x · from 2026-10-01"), or "" when none is set. */
function describeFilters(filters) {
  return Object.entries(filters)
    .filter(([, value]) => value)
    .map(([key, value]) => `${FILTER_NAMES[key]} ${key === "label" ? LABELS[value] || value : value}`)
    .join(" · ");
}

/** A bar per ratio and bucket, in percent, under the goal as a dashed line. */
function drawRatioChart(id, trends, goal, bars) {
  const labels = trends.buckets.map((b) => b.start);
  const goalLine = {
    type: "line",
    label: `goal (${percent(goal)})`,
    data: labels.map(() => Math.round(goal * 100)),
    borderColor: "#dc2626",
    borderDash: [6, 4],
    pointRadius: 0,
    borderWidth: 2,
  };
  const ratios = bars.map(({ label, ratio, color }) => ({
    label,
    data: trends.buckets.map((b) => (b[ratio] === null ? null : Math.round(b[ratio] * 100))),
    backgroundColor: color,
  }));
  drawChart(id, {
    type: "bar",
    data: { labels, datasets: [goalLine, ...ratios] },
    options: { scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } } },
  });
}
