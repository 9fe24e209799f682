// The history page: the posts, the filters, the settings, deleting and exporting; load()
// draws everything. The shared helpers and state are in page.js, the cards and charts in
// trends.js (both load first). Every text from the database goes into the DOM as
// textContent, never as HTML: a post that contains <script> shows as those characters.
"use strict";

function renderScope() {
  const described = describeFilters(state.filters);
  $("#scope").textContent = described
    ? `Showing only posts with ${described}: the cards, charts and posts follow it (the people lists cover your whole history).`
    : "Showing all your posts. Filters apply to the cards, charts and posts.";
  const button = $("#delete-all");
  button.textContent = described ? `Delete these ${state.total}…` : "Delete all…";
  button.disabled = state.total === 0;
}

function renderPost(post) {
  const item = element("li", `post label-${post.label}`);
  item.dataset.id = post.id;
  const head = element("div", "post-head");
  head.append(element("span", `badge ${post.label}`, LABELS[post.label] || post.label));
  head.append(element("span", "meta", `${post.posted_date} · ${post.site} · ${post.kind}`));
  if (post.source === "import") head.append(element("span", "badge imported", "imported"));
  if (post.language && post.language !== "en") {
    head.append(element("span", "badge imported", `not English (${post.language})`));
  }
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
    // Collapsed: a long history stays a list of posts, not a wall of advice.
    const box = element("details", "nudges-box");
    const count = post.nudges.length;
    box.append(element("summary", null, `${count} nudge${count === 1 ? "" : "s"}`));
    const nudges = element("ul", "nudges");
    for (const nudge of post.nudges) nudges.append(element("li", nudge.severity, nudge.message));
    box.append(nudges);
    item.append(box);
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
  renderScope();
}

function fillLabelNames(names) {
  LABELS = names;
  const select = $("#filters select[name=label]");
  const chosen = select.value;
  select.replaceChildren(new Option("all", ""));
  for (const [label, name] of Object.entries(names)) {
    select.append(new Option(name, label, false, label === chosen));
  }
}

/** The database's state from /health; true when the page can show the history. */
async function databaseUsable() {
  const health = await (await fetch(`${API}/health`)).json();
  const trouble = $("#trouble");
  trouble.hidden = health.database_state === "ok" || !health.database_state;
  if (trouble.hidden) return true;
  $("#trouble-problem").textContent =
    `${health.database}: ${health.database_problem || "damaged"}`;
  if (health.next_step) $("#trouble-command").textContent = health.next_step;
  $("#content").hidden = true;
  $("#empty").hidden = true;
  return false;
}

async function loadPosts() {
  const params = { ...state.filters, limit: PAGE_SIZE, offset: state.offset };
  renderPosts(await api(`/posts${query(params)}`));
}

async function load() {
  try {
    if (!(await databaseUsable())) {
      document.body.dataset.loaded = "true";
      return;
    }
    const [trends, settings] = await Promise.all([
      api(`/trends${query({ bucket: state.bucket, ...state.filters })}`),
      api("/settings"),
    ]);
    fillLabelNames(settings.label_names);
    $("#goal").value = settings.goal;
    $("#store-text").checked = settings.store_text;
    $("#count-languages").checked = settings.count_other_languages;
    const empty = trends.totals.posts === 0 && !Object.values(state.filters).some(Boolean);
    $("#empty").hidden = !empty;
    $("#content").hidden = empty;
    if (!empty) {
      renderCards(trends);
      renderCharts(trends);
      await Promise.all([loadPosts(), ...LOAD_HOOKS.map((hook) => hook(trends, settings))]);
    }
    document.body.dataset.loaded = "true";
  } catch (error) {
    showStatus(`Could not load the history: ${error.message}`, true);
  }
}

async function deletePost(post) {
  const preview = (post.text || "").slice(0, 80);
  const question = `Delete this post from ${post.posted_date}? “${preview}” ` +
    "(the companion's daily copy in backups/, beside the database, still has it)";
  if (!(await confirmAction(question))) return;
  try {
    await api(`/posts/${encodeURIComponent(post.id)}`, { method: "DELETE" });
    showStatus("Post deleted.");
    await load();
  } catch (error) {
    showStatus(`Could not delete: ${error.message}`, true);
  }
}

async function deleteAll() {
  // The dialog, the request and the result name the same posts: the filters go with the
  // request, and `expect` makes the companion refuse if another number now matches.
  const described = describeFilters(state.filters);
  const count = state.total;
  const noun = `${count} post${count === 1 ? "" : "s"}`;
  const question = described
    ? `Delete the ${noun} with ${described}? Posts outside these filters stay.`
    : `Delete all ${noun} from your history? The network and people you imported go too.`;
  const undo = " A copy of the history is kept first, so this can be undone.";
  if (!(await confirmAction(question + undo, `Delete ${noun}`))) return;
  try {
    const params = { ...state.filters, confirm: "delete-all", expect: String(count) };
    const result = await api(`/posts${query(params)}`, { method: "DELETE" });
    const back = result.backup ? ` To undo: spotlight import ${result.backup}` : "";
    showStatus(`Deleted ${result.deleted} post${result.deleted === 1 ? "" : "s"}.${back}`);
    state.offset = 0;
    await load();
  } catch (error) {
    showStatus(`Could not delete: ${error.message}`, true);
  }
}

async function saveSettings(changes, done) {
  try {
    await api("/settings", { method: "PUT", body: changes });
    await load();
    showStatus(done); // once the page shows the change
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
    const raw = $("#goal").value.trim();
    const goal = Number(raw);
    if (raw === "" || !Number.isInteger(goal) || goal < 0 || goal > 100) {
      showStatus("The goal is a whole number of percent, from 0 to 100.", true);
      return;
    }
    saveSettings({ goal }, "Goal saved.");
  });
  $("#bucket").addEventListener("change", (event) => {
    state.bucket = event.target.value;
    load();
  });
  $("#filters").addEventListener("submit", (event) => {
    event.preventDefault();
    const filters = Object.fromEntries(new FormData(event.target));
    if (filters.since && filters.until && filters.since > filters.until) {
      showStatus(`“From” (${filters.since}) is after “To” (${filters.until}): swap them.`, true);
      return;
    }
    showStatus("");
    state.filters = filters;
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
  $("#count-languages").addEventListener("change", (event) => {
    const all = event.target.checked;
    saveSettings({ count_other_languages: all },
      all ? "Posts in every language count in the give ratio." : "Only English posts count now.");
  });
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", () => download(button.dataset.export));
  }
}

/** The extension's pairing script marks <html data-spotlight-paired>: say so on the page. */
function watchPairing() {
  const show = () => {
    const paired = document.documentElement.dataset.spotlightPaired;
    if (!paired) return;
    const line = $("#paired");
    line.hidden = false;
    line.classList.toggle("error", paired !== "yes");
    line.textContent = paired === "yes"
      ? "The Spotlight extension in this browser is paired with this companion."
      : "The Spotlight extension could not pair with this companion: open its options.";
  };
  new MutationObserver(show).observe(document.documentElement, {
    attributes: true, attributeFilter: ["data-spotlight-paired"],
  });
  show();
}

// After every deferred script ran, so the hooks of people.js are in place.
document.addEventListener("DOMContentLoaded", () => {
  bind();
  watchPairing();
  load();
});
