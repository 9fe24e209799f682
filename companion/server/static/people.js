// The people on the history page (issue 11): people you know that you lifted up, public
// figures and brands you mentioned, whom you could thank, whom you answered most, the
// listen chart, and merging two people (with undo). Uses api(), element(), percent(),
// drawRatioChart(), query(), describeFilters(), showStatus(), state and LOAD_HOOKS from
// page.js; load() and saveSettings() from app.js. Every name from the server goes into
// the DOM as textContent.
"use strict";

(() => {
  const $ = (selector) => document.querySelector(selector);
  const selected = new Set();

  function ago(time) {
    if (!time) return "never";
    const days = Math.round((Date.now() - Date.parse(time)) / 86400000);
    return days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
  }

  function handles(person) {
    return person.handles.map((h) => `${h.handle} (${h.site})`).join(", ");
  }

  function personItem(person, meta, { selectable = true } = {}) {
    const item = element("li");
    item.dataset.id = person.id;
    if (selectable) {
      const box = element("input");
      box.type = "checkbox";
      box.checked = selected.has(person.id);
      box.setAttribute("aria-label", `Select ${person.name}`);
      box.addEventListener("change", () => {
        if (box.checked) selected.add(person.id);
        else selected.delete(person.id);
        $("#merge").disabled = selected.size < 2;
      });
      item.append(box);
    }
    item.append(element("span", "name", person.name));
    item.append(element("span", "meta", meta));
    if (person.handles.length) item.append(element("span", "meta", handles(person)));
    if (person.merged > 0) {
      const undo = element("button", "link split", "Separate");
      undo.type = "button";
      undo.setAttribute("aria-label", `Separate what was merged into ${person.name}`);
      undo.addEventListener("click", () => split(person.id, person.name));
      item.append(undo);
    }
    return item;
  }

  function fill(list, items, empty) {
    list.replaceChildren(...items);
    if (!items.length) list.append(element("li", "muted", empty));
  }

  function count(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  async function renderPeople() {
    // The lists count the posts the page's filters show; without dates, the public list
    // keeps to the last 90 days. Whom you could thank is always about all your posts.
    const filters = state.filters;
    const filtered = Object.values(filters).some(Boolean);
    const dated = Boolean(filters.since || filters.until);
    const [known, others, answered, thank] = await Promise.all([
      api(`/people${query({ ...filters, known: "true", sort: "credited", limit: 10 })}`),
      api(`/people${query({ ...filters, known: "false", days: dated ? "" : 90, limit: 10 })}`),
      api(`/people${query({ ...filters, sort: "replied", limit: 5 })}`),
      api("/people/suggestions?limit=5"),
    ]);
    $("#people-scope").textContent = filtered
      ? `Counted in the posts these filters show: ${describeFilters(filters)}.` : "";
    fill($("#people-known"), known.people.filter((p) => p.credited > 0).map((p) =>
      personItem(p, `${count(p.credited, "post")} lifting them up · last ${ago(p.last_credited_at)}`)),
    filtered ? "No one you know lifted up in these posts."
      : "No one you know yet: import your connections, or thank someone you work with.");
    fill($("#people-public"), others.people.map((p) =>
      personItem(p, `${p.kind === "organisation" ? "brand or organisation · " : ""}` +
        `${count(p.posts, "post")} · last ${ago(p.last_talked_at)}`)),
    dated ? "No one in these posts." : "No one in the last 90 days.");
    fill($("#people-answered"), answered.people.filter((p) => p.replied > 0).map((p) =>
      personItem(p, `answered ${count(p.replied, "time")} · last ${ago(p.last_talked_at)}`,
        { selectable: false })), filtered ? "No replies in these posts."
      : "No replies yet: listening starts with answering someone.");
    fill($("#thank"), thank.suggestions.map((p) => {
      const item = personItem(p, `last talked ${ago(p.last_talked_at)}`, { selectable: false });
      item.append(element("span", "reason", p.reason));
      return item;
    }), "No one to suggest: everyone you talk with was thanked recently.");
    $("#merge").disabled = selected.size < 2;
  }

  function renderListen(trends, settings) {
    $("#listen-goal").value = settings.listen_goal;
    $("#listen-bucket-name").textContent = trends.bucket;
    drawRatioChart("listen-chart", trends, trends.listen_goal, [
      { label: "items that answer someone (%)", ratio: "listen_ratio", color: "#0891b2" },
    ]);
  }

  function undoButton(person) {
    const button = element("button", "link", "Undo");
    button.type = "button";
    button.id = "undo-merge";
    button.addEventListener("click", () => split(person.id, person.name));
    return button;
  }

  async function merge() {
    const ids = [...selected];
    try {
      const result = await api("/people/merge", { method: "POST", body: { ids } });
      selected.clear();
      await load();
      showStatus(`Merged ${ids.length} entries into ${result.person.name}. `);
      $("#status").append(undoButton(result.person));
    } catch (error) {
      showStatus(`Could not merge: ${error.message}`, true);
    }
  }

  async function split(id, name) {
    try {
      const result = await api(`/people/${id}/split`, { method: "POST", body: {} });
      await load();
      const names = result.people.map((p) => p.name).join(", ");
      showStatus(`Separated ${name} again: ${names}.`);
    } catch (error) {
      showStatus(`Could not separate: ${error.message}`, true);
    }
  }

  LOAD_HOOKS.push(async (trends, settings) => {
    renderListen(trends, settings);
    await renderPeople();
  });

  document.addEventListener("DOMContentLoaded", () => {
    $("#merge").addEventListener("click", merge);
    $("#listen-goal-form").addEventListener("submit", (event) => {
      event.preventDefault();
      // saveSettings says "saved" once the page shows the new goal, not before.
      saveSettings({ listen_goal: Number($("#listen-goal").value) }, "Listen goal saved.");
    });
  });
})();
