// The history page. Every text from the database goes into the DOM as textContent, never
// as HTML: a post that contains <script> shows as those characters.
"use strict";

const TOKEN = document.querySelector('meta[name="spotlight-token"]').content;
const API = document.querySelector('meta[name="spotlight-api"]').content;
const PAGE_SIZE = 20;
const LABELS = {
  promotes_others: "lifts others",
  self_promotion: "about me",
  mixed: "mixed",
  neutral: "neutral",
};
const DIMENSIONS = ["spotlight", "engage", "help", "human", "learn", "substance"];
const COLORS = ["#2563eb", "#16a34a", "#d97706", "#db2777", "#7c3aed", "#0891b2", "#64748b"];

const state = { bucket: "week", filters: {}, offset: 0, total: 0, charts: {} };
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

function renderCards(trends, people) {
  const totals = trends.totals;
  const recent = trends.buckets.slice(-4);
  const recentPosts = recent.reduce((sum, b) => sum + b.posts, 0);
  const recentGiven = recent.reduce((sum, b) => sum + b.labels.promotes_others, 0);
  const recentRatio = recentPosts ? recentGiven / recentPosts : null;
  $("#card-ratio").textContent = percent(recentRatio);
  const verdict = recentRatio === null ? "" : recentRatio >= trends.goal ? "at or above" : "below";
  $("#card-ratio-sub").textContent =
    `last ${recent.length} ${trends.bucket}s, ${verdict} your goal of ${percent(trends.goal)}` +
    ` · all time ${percent(totals.give_ratio)}`;
  $("#card-posts").textContent = totals.posts.toLocaleString();
  $("#card-posts-sub").textContent = `${totals.promotes_others.toLocaleString()} lift others up`;
  $("#card-people").textContent = people.network.people_30d;
  $("#card-people-sub").textContent =
    `different people in 30 days · ${people.network.people_90d} in 90 days`;
}

function renderCharts(trends) {
  const labels = trends.buckets.map((b) => b.start);
  $("#bucket-name").textContent = trends.bucket;
  drawChart("give-chart", {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          type: "line",
          label: `goal (${percent(trends.goal)})`,
          data: labels.map(() => Math.round(trends.goal * 100)),
          borderColor: "#dc2626",
          borderDash: [6, 4],
          pointRadius: 0,
          borderWidth: 2,
        },
        {
          label: "posts that promote others (%)",
          data: trends.buckets.map((b) => (b.give_ratio === null ? null : Math.round(b.give_ratio * 100))),
          backgroundColor: "#2563eb",
        },
      ],
    },
    options: { scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } } },
  });
  drawChart("scores-chart", {
    type: "line",
    data: {
      labels,
      datasets: DIMENSIONS.map((d, i) => ({
        label: d,
        data: trends.buckets.map((b) => b.scores[d]),
        borderColor: COLORS[i],
        backgroundColor: COLORS[i],
        tension: 0.25,
        spanGaps: true,
        pointRadius: labels.length > 60 ? 0 : 3, // years of weeks: lines, not dots
      })),
    },
    options: { scales: { y: { min: 0, max: 100 } } },
  });
  drawChart("sites-chart", {
    type: "bar",
    data: {
      labels: trends.sites.map((s) => s.site),
      datasets: [
        {
          label: "promote others",
          data: trends.sites.map((s) => Math.round(s.posts * (s.give_ratio || 0))),
          backgroundColor: "#2563eb",
        },
        {
          label: "other posts",
          data: trends.sites.map((s) => s.posts - Math.round(s.posts * (s.give_ratio || 0))),
          backgroundColor: "#cbd5e1",
        },
      ],
    },
    options: {
      indexAxis: "y",
      scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
    },
  });
}

function renderPeople(people) {
  const list = $("#people");
  list.replaceChildren();
  if (!people.people.length) list.append(element("li", "muted", "No one named yet."));
  for (const person of people.people) {
    const item = element("li");
    item.append(element("span", "name", person.name));
    const days = Math.round((Date.now() - Date.parse(person.last_at)) / 86400000);
    const when = days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
    const posts = `${person.posts} post${person.posts === 1 ? "" : "s"}`;
    item.append(element("span", "meta", `${posts} · most recent ${when}`));
    list.append(item);
  }
}

function renderPost(post) {
  const item = element("li", `post label-${post.label}`);
  item.dataset.id = post.id;
  const head = element("div", "post-head");
  head.append(element("span", `badge ${post.label}`, LABELS[post.label] || post.label));
  head.append(element("span", "meta", `${post.posted_date} · ${post.site} · ${post.kind}`));
  if (post.source === "import") head.append(element("span", "badge imported", "imported"));
  head.append(element("span", "overall", `${post.overall}/100`));
  const remove = element("button", "delete", "Delete");
  remove.type = "button";
  remove.setAttribute("aria-label", `Delete post from ${post.posted_date}`);
  remove.addEventListener("click", () => deletePost(post));
  head.append(remove);
  item.append(head);
  item.append(
    element("p", post.text === null ? "text muted" : "text", post.text ?? "(text not kept)"),
  );
  const scores = element("p", "scores");
  // null: the post showed nothing about that habit (not applicable)
  scores.textContent = DIMENSIONS.map((d) => `${d} ${post.scores[d] ?? "n/a"}`).join(" · ");
  item.append(scores);
  if (post.nudges.length) {
    const nudges = element("ul", "nudges");
    for (const nudge of post.nudges) nudges.append(element("li", nudge.severity, nudge.message));
    item.append(nudges);
  }
  return item;
}

function renderPosts(page) {
  const list = $("#posts");
  list.replaceChildren(...page.posts.map(renderPost));
  if (!page.posts.length) list.append(element("li", "muted", "No posts match these filters."));
  state.total = page.total;
  const last = Math.min(page.offset + page.posts.length, page.total);
  $("#page-info").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
  $("#prev").disabled = page.offset === 0;
  $("#next").disabled = last >= page.total;
  const select = $("#filters select[name=site]");
  const chosen = select.value;
  select.replaceChildren(element("option", null, "all sites"));
  select.firstChild.value = "";
  for (const site of page.sites) select.append(new Option(site, site, false, site === chosen));
}

async function loadPosts() {
  const params = { ...state.filters, limit: PAGE_SIZE, offset: state.offset };
  renderPosts(await api(`/posts${query(params)}`));
}

async function load() {
  try {
    const [trends, people, settings] = await Promise.all([
      api(`/trends${query({ bucket: state.bucket, ...state.filters })}`),
      api("/people?days=90&limit=10"),
      api("/settings"),
    ]);
    $("#goal").value = settings.goal;
    $("#store-text").checked = settings.store_text;
    const empty = trends.totals.posts === 0 && !Object.values(state.filters).some(Boolean);
    $("#empty").hidden = !empty;
    $("#content").hidden = empty;
    if (!empty) {
      renderCards(trends, people);
      renderCharts(trends);
      renderPeople(people);
      await loadPosts();
    }
    document.body.dataset.loaded = "true";
  } catch (error) {
    showStatus(`Could not load the history: ${error.message}`, true);
  }
}

async function deletePost(post) {
  const preview = (post.text || "").slice(0, 80);
  if (!(await confirmAction(`Delete this post from ${post.posted_date}? “${preview}”`))) return;
  try {
    await api(`/posts/${encodeURIComponent(post.id)}`, { method: "DELETE" });
    showStatus("Post deleted.");
    await load();
  } catch (error) {
    showStatus(`Could not delete: ${error.message}`, true);
  }
}

async function deleteAll() {
  const question = `Delete all ${state.total} posts from your history? This cannot be undone.`;
  if (!(await confirmAction(question, "Delete all"))) return;
  try {
    const result = await api("/posts?confirm=delete-all", { method: "DELETE" });
    showStatus(`Deleted ${result.deleted} posts.`);
    state.offset = 0;
    await load();
  } catch (error) {
    showStatus(`Could not delete: ${error.message}`, true);
  }
}

async function saveSettings(changes, done) {
  try {
    await api("/settings", { method: "PUT", body: changes });
    showStatus(done);
    await load();
  } catch (error) {
    showStatus(`Could not save: ${error.message}`, true);
  }
}

async function download(format) {
  try {
    const response = await api(`/export?format=${format}`, { raw: true });
    const url = URL.createObjectURL(await response.blob());
    const link = element("a");
    link.href = url;
    link.download = `spotlight-history.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    showStatus(`Could not export: ${error.message}`, true);
  }
}

function bind() {
  $("#goal-form").addEventListener("submit", (event) => {
    event.preventDefault();
    saveSettings({ goal: Number($("#goal").value) }, "Goal saved.");
  });
  $("#bucket").addEventListener("change", (event) => {
    state.bucket = event.target.value;
    load();
  });
  $("#filters").addEventListener("submit", (event) => {
    event.preventDefault();
    state.filters = Object.fromEntries(new FormData(event.target));
    state.offset = 0;
    load();
  });
  $("#filters").addEventListener("reset", () => {
    state.filters = {};
    state.offset = 0;
    setTimeout(load);
  });
  $("#prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    loadPosts();
  });
  $("#next").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    loadPosts();
  });
  $("#delete-all").addEventListener("click", deleteAll);
  $("#store-text").addEventListener("change", async (event) => {
    const keep = event.target.checked;
    if (!keep && !(await confirmAction("Stop keeping texts? The texts already kept are removed too; scores and people stay.", "Remove texts"))) {
      event.target.checked = true;
      return;
    }
    saveSettings({ store_text: keep }, keep ? "Texts will be kept." : "Texts removed.");
  });
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", () => download(button.dataset.export));
  }
}

bind();
load();
