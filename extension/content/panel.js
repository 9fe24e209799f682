// What the panel says: the label and score, the trend of recent posts, and the nudges
// grouped by dimension, each with its message, suggestion, principle and a way to turn
// its rule off. Drawn into the overlay's shadow root by content/overlay.js.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});

  const LABELS = {
    promotes_others: "Lifts others",
    self_promotion: "About you",
    mixed: "Mixed",
    neutral: "Neutral",
  };
  const DIMENSIONS = {
    spotlight: "Spotlight others",
    engage: "Engage",
    help: "Be helpful",
    human: "Sound human",
    learn: "Keep learning",
    substance: "Add substance",
  };
  const PROBLEMS = {
    offline: "Companion offline",
    timeout: "Companion busy",
    unauthorized: "Not paired",
    origin: "Companion refuses this browser",
    blocked: "Local network denied",
  };

  /** A new element; text goes in as text, never as HTML. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * The report's trend as one line: the companion's message when it has something to say
   * ("Your last 3 posts were about your own work…"), else how many recent posts lifted
   * others up.
   */
  function trendLine(trend) {
    if (!trend) return "";
    if (trend.message) return trend.message;
    const recent = trend.recent_labels ?? [];
    if (!recent.length) return "";
    const given = recent.filter((label) => label === "promotes_others").length;
    const goal = typeof trend.goal === "number"
      ? ` (your goal: ${Math.round(trend.goal * 100)}%)` : "";
    return `${given} of your last ${recent.length} post${recent.length === 1 ? "" : "s"} ` +
      `lifted others up${goal}.`;
  }

  function nudgeItem(nudge, index, { onDismissRule, onHover }) {
    const item = el("li", `nudge ${nudge.severity}`);
    item.dataset.rule = nudge.rule;
    item.dataset.index = String(index);
    item.append(el("p", "message", nudge.message));
    if (nudge.suggestion) item.append(el("p", "suggestion", `Try: ${nudge.suggestion}`));
    if (nudge.principle) item.append(el("p", "principle", nudge.principle));
    const dismiss = el("button", "dismiss", "Don't show this again");
    dismiss.type = "button";
    dismiss.addEventListener("click", () => onDismissRule(nudge.rule));
    item.append(dismiss);
    item.addEventListener("mouseenter", () => onHover(index));
    item.addEventListener("mouseleave", () => onHover(null));
    return item;
  }

  /**
   * Fill `panel` with a report (or the problem that kept one from coming).
   * @param {{report: object|null, problem: object|null}} state
   * @param {{onDismissRule: function(string), onHover: function(number|null)}} actions
   */
  function render(panel, { report, problem }, actions) {
    if (problem || !report) {
      panel.className = "panel tone-problem";
      panel.replaceChildren(el("h2", "", PROBLEMS[problem?.code] ?? "Spotlight error"),
        el("p", "empty", problem?.message ?? ""));
      return;
    }
    panel.className = `panel tone-${report.label}`;
    const title = el("h2");
    title.append(el("span", "dot"),
      el("span", "", `${report.label_name ?? LABELS[report.label] ?? report.label} · ${report.overall}`));
    const parts = [title];
    const trend = trendLine(report.trend);
    if (trend) parts.push(el("p", "trend", trend));
    const groups = new Map();
    report.nudges.forEach((nudge, index) => {
      if (!groups.has(nudge.dimension)) groups.set(nudge.dimension, []);
      groups.get(nudge.dimension).push([nudge, index]);
    });
    if (!groups.size) parts.push(el("p", "empty", "No nudges: this reads well."));
    for (const [dimension, nudges] of groups) {
      const heading = el("h3");
      heading.append(el("span", "", DIMENSIONS[dimension] ?? dimension));
      const score = report.scores?.[dimension];
      // null: not applicable to this draft, so no number beside the habit
      if (score !== undefined && score !== null) heading.append(el("span", "", String(score)));
      const list = el("ul");
      for (const [nudge, index] of nudges) list.append(nudgeItem(nudge, index, actions));
      parts.push(heading, list);
    }
    panel.replaceChildren(...parts);
  }

  Spotlight.panel = { LABELS, PROBLEMS, el, render, trendLine };
})();
