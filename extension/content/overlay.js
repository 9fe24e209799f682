// The overlay a composer gets: a pill with the label and the overall score, a panel with
// the nudges, and highlight boxes over the words a nudge is about. It all lives in one
// shadow root hung on <html>, outside the editor: editors break when foreign nodes or
// attributes appear inside them. Boxes are placed from the text's client rects and follow
// scrolling and resizing.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});

  const { LABELS, PROBLEMS, el } = Spotlight.panel;

  const STYLE = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .layer { position: absolute; left: 0; top: 0; width: 0; height: 0; }
    .mark { position: absolute; pointer-events: none; border-bottom: 2px solid var(--c);
            border-radius: 2px; }
    .mark.info { --c: rgba(90, 110, 140, .55); }
    .mark.suggestion { --c: rgba(37, 99, 235, .75); }
    .mark.warning { --c: rgba(217, 119, 6, .9); }
    .mark.active { background: color-mix(in srgb, var(--c) 28%, transparent);
                   border-bottom-width: 3px; }
    .pill { position: absolute; pointer-events: auto; display: flex; align-items: center;
            gap: 6px; height: 24px; padding: 0 10px 0 8px; border-radius: 12px;
            border: 1px solid rgba(0,0,0,.12); background: #fff; color: #1f2937;
            font: 600 12px/1 system-ui, -apple-system, "Segoe UI", sans-serif;
            box-shadow: 0 1px 4px rgba(0,0,0,.15); cursor: pointer; white-space: nowrap;
            transition: opacity .15s; }
    .pill[hidden], .panel[hidden] { display: none; }
    .dot { flex: none; width: 8px; height: 8px; border-radius: 50%; background: var(--tone); }
    .pill .score { font-weight: 500; color: #4b5563; }
    .pill.stale { opacity: .6; }
    .tone-promotes_others { --tone: #16a34a; }
    .tone-self_promotion { --tone: #d97706; }
    .tone-mixed { --tone: #2563eb; }
    .tone-neutral { --tone: #9ca3af; }
    .tone-problem { --tone: #dc2626; }
    .panel { position: absolute; pointer-events: auto; width: 340px; max-height: 60vh;
             overflow: auto; padding: 12px 14px; border-radius: 10px; background: #fff;
             color: #1f2937; border: 1px solid rgba(0,0,0,.12);
             box-shadow: 0 6px 24px rgba(0,0,0,.18);
             font: 400 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
    .panel h2 { margin: 0 0 4px; font-size: 14px; display: flex; gap: 8px;
                align-items: center; }
    .panel .trend { margin: 0 0 10px; padding: 6px 8px; border-radius: 6px;
                    background: #f3f4f6; color: #374151; font-size: 12px; }
    .panel h3 { margin: 12px 0 4px; font-size: 11px; text-transform: uppercase;
                letter-spacing: .04em; color: #6b7280; display: flex;
                justify-content: space-between; }
    .panel ul { list-style: none; margin: 0; padding: 0; }
    .nudge { padding: 6px 8px; margin: 0 -8px; border-radius: 6px; }
    .nudge:hover, .nudge:focus-within { background: #f3f4f6; }
    .nudge .message { margin: 0; }
    .nudge .principle { margin: 2px 0 0; font-size: 12px; color: #6b7280; font-style: italic; }
    .nudge .suggestion { margin: 2px 0 0; font-size: 12px; color: #065f46; }
    .nudge button { margin-top: 4px; padding: 0; border: 0; background: none;
                    color: #2563eb; font: inherit; font-size: 12px; cursor: pointer; }
    .empty { color: #6b7280; margin: 6px 0 0; }
    .scratch { position: absolute; left: 0; top: 0; width: 0; height: 0; overflow: visible; }
  `;

  class Overlay {
    /**
     * @param {Element} composer the editor's root element
     * @param {object} reader from Spotlight.text.readerFor(composer)
     * @param {{onDismissRule: function(string): void}} actions
     */
    constructor(composer, reader, { onDismissRule }) {
      this.composer = composer;
      this.reader = reader;
      this.onDismissRule = onDismissRule;
      this.report = null;
      this.snapshot = null;
      this.active = null; // index of the hovered nudge
      this.frame = 0;

      this.host = document.createElement("spotlight-overlay");
      this.host.style.cssText = "all: initial !important; position: fixed !important; " +
        "left: 0 !important; top: 0 !important; width: 0 !important; height: 0 !important; " +
        "z-index: 2147483647 !important; pointer-events: none !important;";
      this.root = this.host.attachShadow({ mode: "open" });
      const style = el("style", "", STYLE);
      this.marks = el("div", "layer marks");
      this.scratch = el("div", "scratch");
      this.pill = el("div", "pill");
      this.pill.setAttribute("role", "button");
      this.pill.tabIndex = 0;
      this.pill.hidden = true;
      this.panel = el("div", "panel");
      this.panel.hidden = true;
      this.panel.setAttribute("role", "dialog");
      this.panel.setAttribute("aria-label", "Spotlight nudges");
      this.root.append(style, this.scratch, this.marks, this.pill, this.panel);
      reader.useScratch?.(this.scratch);
      document.documentElement.append(this.host);

      // Keep the caret in the editor when the pill is clicked.
      this.pill.addEventListener("mousedown", (event) => event.preventDefault());
      this.pill.addEventListener("click", () => this.toggle());
      this.pill.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          this.toggle();
        }
      });
      this.root.addEventListener("keydown", (event) => {
        if (event.key === "Escape") this.toggle(false);
      });
      // A click anywhere else closes the panel (it may cover the site's own buttons).
      this.outside = (event) => {
        if (!this.panel.hidden && !event.composedPath().includes(this.host)) this.toggle(false);
      };
      document.addEventListener("pointerdown", this.outside, true);
      this.place = () => this.schedulePlace();
      window.addEventListener("scroll", this.place, { capture: true, passive: true });
      // Scrolling inside the composer's own frame moves its words too.
      this.view = composer.ownerDocument.defaultView;
      if (this.view !== window) {
        this.view.addEventListener("scroll", this.place, { capture: true, passive: true });
      }
      window.addEventListener("resize", this.place, { passive: true });
      this.resizes = new ResizeObserver(this.place);
      this.resizes.observe(composer);
    }

    destroy() {
      cancelAnimationFrame(this.frame);
      window.removeEventListener("scroll", this.place, { capture: true });
      this.view?.removeEventListener("scroll", this.place, { capture: true });
      window.removeEventListener("resize", this.place);
      document.removeEventListener("pointerdown", this.outside, true);
      this.resizes.disconnect();
      this.host.remove();
    }

    /** Show a report about the text in `snapshot` (what reader.read() gave). */
    show(report, snapshot, { elapsedMs } = {}) {
      this.report = report;
      this.snapshot = snapshot;
      this.problem = null;
      this.active = null;
      const label = report.label_name ?? LABELS[report.label] ?? report.label;
      this.pill.className = `pill tone-${report.label}`;
      this.pill.replaceChildren(el("span", "dot"), el("span", "label", label),
        el("span", "score", String(report.overall)));
      this.pill.title = `Spotlight: ${label}, ${report.overall}/100. Click for nudges.`;
      this.pill.dataset.label = report.label;
      this.pill.dataset.overall = String(report.overall);
      this.pill.dataset.chars = String(snapshot.text.length);
      this.pill.dataset.nudges = String(report.nudges.length);
      this.pill.dataset.updatedAt = String(performance.now());
      if (elapsedMs !== undefined) this.pill.dataset.elapsedMs = String(Math.round(elapsedMs));
      this.pill.hidden = false;
      this.renderPanel();
      this.schedulePlace();
    }

    /** Count an answer dropped because the text changed while it was computed. */
    dropped() {
      this.pill.dataset.dropped = String(Number(this.pill.dataset.dropped ?? 0) + 1);
    }

    /** The text changed: the boxes no longer fit it until the next report. */
    markStale() {
      this.snapshot = null;
      this.pill.classList.add("stale");
      this.marks.replaceChildren();
    }

    /** The companion could not score: say why on the pill (offline, not paired...). */
    showProblem(error) {
      this.report = null;
      this.snapshot = null;
      this.problem = error;
      this.pill.className = "pill tone-problem";
      this.pill.replaceChildren(el("span", "dot"),
        el("span", "label", PROBLEMS[error.code] ?? "Spotlight error"));
      this.pill.title = error.message ?? "";
      this.pill.dataset.label = "problem";
      this.pill.dataset.problem = error.code;
      this.pill.dataset.updatedAt = String(performance.now());
      this.pill.hidden = false;
      this.marks.replaceChildren();
      this.renderPanel();
      this.schedulePlace();
    }

    clear() {
      this.report = null;
      this.snapshot = null;
      this.pill.hidden = true;
      this.panel.hidden = true;
      this.marks.replaceChildren();
    }

    toggle(open = this.panel.hidden) {
      this.panel.hidden = !open;
      this.pill.setAttribute("aria-expanded", String(open));
      this.schedulePlace();
    }

    renderPanel() {
      Spotlight.panel.render(this.panel, { report: this.report, problem: this.problem }, {
        onDismissRule: this.onDismissRule,
        onHover: (index) => this.highlight(index),
      });
    }

    highlight(index) {
      this.active = index;
      for (const mark of this.marks.children) {
        mark.classList.toggle("active", mark.dataset.index === String(index));
      }
    }

    schedulePlace() {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.placeNow());
    }

    placeNow() {
      if (!this.composer.isConnected) return;
      // A composer in a same-origin iframe measures in its frame: move that to this page.
      const shift = Spotlight.frames.offset(this.composer);
      const box = Spotlight.frames.shift(this.composer.getBoundingClientRect(), shift);
      const pill = this.pill.getBoundingClientRect();
      // Keep clear of a textarea's resize grip in its bottom-right corner.
      const grip = this.composer.tagName === "TEXTAREA" &&
        getComputedStyle(this.composer).resize !== "none" ? 16 : 0;
      const pillLeft = Math.max(4, box.right - pill.width - 6 - grip);
      // Inside the bottom-right corner; under it when the composer is a single line (X's
      // inline reply box), where the pill would cover the text.
      const inside = box.height >= 3 * pill.height;
      const pillTop = Math.min(window.innerHeight - pill.height - 4,
        Math.max(4, inside ? box.bottom - pill.height - 6 : box.bottom + 4));
      Object.assign(this.pill.style, { left: `${pillLeft}px`, top: `${pillTop}px` });
      if (!this.panel.hidden) {
        const below = pillTop + pill.height + 6;
        // Below the pill or above it, never over it (the pill closes the panel): on the
        // side with room, or the roomier side with the panel scrolling inside that room.
        const roomBelow = window.innerHeight - below - 4;
        const roomAbove = pillTop - 6 - 4;
        this.panel.style.maxHeight = "";
        const natural = this.panel.getBoundingClientRect().height;
        const under = natural <= roomBelow || roomBelow >= roomAbove;
        this.panel.style.maxHeight = `${Math.min(natural, under ? roomBelow : roomAbove)}px`;
        const panel = this.panel.getBoundingClientRect();
        const top = under ? below : Math.max(4, pillTop - panel.height - 6);
        const left = Math.min(Math.max(4, pillLeft + pill.width - panel.width),
          window.innerWidth - panel.width - 4);
        Object.assign(this.panel.style, { left: `${left}px`, top: `${top}px` });
      }
      this.drawMarks(box, shift);
    }

    drawMarks(box, shift) {
      const marks = [];
      if (this.report && this.snapshot) {
        this.report.nudges.forEach((nudge, index) => {
          (nudge.spans ?? []).forEach((span, spanIndex) => {
            for (const own of this.reader.rects(this.snapshot, span.start, span.end)) {
              const rect = Spotlight.frames.shift(own, shift);
              // Words scrolled out of the composer are not marked over the page around it.
              if (rect.bottom <= box.top || rect.top >= box.bottom) continue;
              const mark = el("div", `mark ${nudge.severity}`);
              mark.dataset.rule = nudge.rule;
              mark.dataset.index = String(index);
              mark.dataset.span = String(spanIndex);
              if (index === this.active) mark.classList.add("active");
              Object.assign(mark.style, {
                left: `${rect.left}px`, top: `${rect.top}px`,
                width: `${rect.width}px`, height: `${rect.height}px`,
              });
              marks.push(mark);
            }
          });
        });
      }
      this.marks.replaceChildren(...marks);
    }
  }

  Spotlight.Overlay = Overlay;
})();
