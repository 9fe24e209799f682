// One ComposerSession per editor the user writes in: it reads the draft after each pause
// in typing (~250 ms), asks the background to score it (at most one request in flight per
// composer; answers about text that has changed since are dropped), shows the answer in
// the overlay, and tells the background when the draft is published.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});
  const api = globalThis.browser ?? globalThis.chrome;

  const DEBOUNCE_MS = 250;

  async function send(type, payload = {}) {
    try {
      return await api.runtime.sendMessage({ type, ...payload });
    } catch (error) {
      // The extension was reloaded or updated under this page.
      return { ok: false, error: { code: "extension", message: String(error.message ?? error) } };
    }
  }

  /** A random (v4) UUID; crypto.randomUUID exists only on https pages and loopback. */
  function newPostId() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  class ComposerSession {
    constructor(site, composer) {
      this.site = site;
      this.composer = composer;
      // A site whose composer is many editors (WordPress's blocks) brings its own reader.
      this.reader = site.readerFor?.(composer) ?? Spotlight.text.readerFor(composer);
      this.overlay = new Spotlight.Overlay(composer, this.reader, {
        onDismissRule: (rule) => this.dismissRule(rule),
      });
      this.timer = 0;
      this.inFlight = false;
      this.again = false;
      this.lastInput = 0;
      this.published = null; // {id, text} of the last post sent from this composer
    }

    destroy() {
      clearTimeout(this.timer);
      this.overlay.destroy();
    }

    /** The draft changed: wait for a pause, then score it. */
    changed() {
      this.lastInput = performance.now();
      this.overlay.markStale();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.score(), DEBOUNCE_MS);
    }

    async score() {
      if (this.inFlight) {
        this.again = true; // score once more when the answer in flight comes back
        return;
      }
      const snapshot = this.reader.read();
      if (!snapshot.text.trim()) {
        this.overlay.clear();
        return;
      }
      this.inFlight = true;
      const started = this.lastInput;
      let answer;
      try {
        answer = await send("scoreDraft", {
          text: snapshot.text,
          site: this.siteName(),
          kind: this.site.kind(this.composer),
        });
      } finally {
        this.inFlight = false;
      }
      const current = this.reader.read().text;
      if (current !== snapshot.text) {
        // Stale: the user typed on. The pause after that typing scores the new text.
        this.overlay.dropped();
      } else if (answer?.ok) {
        this.overlay.show(answer.report, snapshot, { elapsedMs: performance.now() - started });
      } else {
        this.overlay.showProblem(answer?.error ?? { code: "error", message: "no answer" });
      }
      if (this.again) {
        this.again = false;
        this.score();
      }
    }

    async dismissRule(rule) {
      const answer = await send("dismissRule", { rule });
      if (answer?.ok) this.score();
      else this.overlay.showProblem(answer.error);
    }

    /** The user published the draft: record it (the background queues it if need be). */
    async publish(trigger) {
      const text = this.reader.read().text;
      if (!text.trim()) return;
      // The same text published again from the same composer (a double click, Ctrl+Enter
      // then a click) is the same post: same id, which the companion stores once.
      if (this.published?.text !== text) {
        this.published = { id: newPostId(), text };
      }
      const post = {
        id: this.published.id,
        text,
        site: this.siteName(),
        kind: this.site.kind(this.composer, trigger),
        url: location.href,
        posted_at: new Date().toISOString(),
      };
      // A site that reports the post's own address after publishing (WordPress's
      // permalink) is waited for; the text was read at the click.
      if (this.site.publishedUrl) post.url = (await this.site.publishedUrl(trigger)) ?? post.url;
      await send("publishPost", { post });
    }

    /** The site the history names: the adapter's id, or what it says (a host name). */
    siteName() {
      return this.site.siteName?.(location) ?? this.site.id;
    }
  }

  /**
   * Follow the composers a site adapter recognizes until `signal` aborts: a session starts
   * when the user focuses or types in one and ends when the composer leaves the page.
   */
  function watch(site, signal) {
    const sessions = new Map();
    let lastUsed = null;

    const composerOf = (event) => {
      const target = event.composedPath()[0];
      const root = Spotlight.text.editableRoot(target);
      if (site.composerFor) return root ? site.composerFor(root) : null;
      return root && site.isComposer(root) ? root : null;
    };
    const sessionFor = (composer) => {
      if (!sessions.has(composer)) sessions.set(composer, new ComposerSession(site, composer));
      lastUsed = sessions.get(composer);
      return lastUsed;
    };
    // This document and its same-origin iframes (content/frames.js).
    const on = (type, listener) => Spotlight.frames.listen(type, listener, signal);

    on("focusin", (event) => {
      const composer = composerOf(event);
      if (composer) {
        const session = sessionFor(composer);
        if (session.reader.read().text.trim()) session.changed();
      }
    });
    on("input", (event) => {
      if (event.isComposing) return; // an IME is still composing: wait for compositionend
      const composer = composerOf(event);
      if (composer) sessionFor(composer).changed();
    });
    on("compositionend", (event) => {
      const composer = composerOf(event);
      if (composer) sessionFor(composer).changed();
    });
    on("keydown", (event) => {
      if (event.isComposing || event.key !== "Enter") return;
      const composer = composerOf(event);
      if (!composer) return;
      const shortcut = (event.ctrlKey || event.metaKey) && site.shortcutPublishes;
      if (shortcut || (site.enterPublishes?.(composer) && !event.shiftKey)) {
        sessionFor(composer).publish({ key: shortcut ? "shortcut" : "enter" });
      }
    });
    // Capture phase: this runs before the site's own handler clears or closes the composer.
    on("click", (event) => {
      const button = event.composedPath().find(
        // nodeType, not instanceof: an iframe's elements come from another realm.
        (node) => node.nodeType === Node.ELEMENT_NODE && site.isPublishButton(node),
      );
      if (!button || button.disabled || button.getAttribute("aria-disabled") === "true") return;
      const scope = site.scopeOf(button);
      const session = [...sessions.values()].find((candidate) =>
        scope?.contains(candidate.composer)) ?? lastUsed;
      if (session?.composer.isConnected) session.publish({ button });
    });

    // The page may have loaded, and the user clicked into a composer, before the browser
    // ran the content scripts (document_idle): follow the focused composer now.
    const focused = Spotlight.text.editableRoot(document.activeElement);
    if (focused && site.isComposer(focused)) {
      const session = sessionFor(focused);
      if (session.reader.read().text.trim()) session.changed();
    }

    const sweep = new MutationObserver(() => {
      for (const [composer, session] of sessions) {
        // A composer in an iframe that left the page keeps its own (dead) document.
        if (!composer.isConnected || !composer.ownerDocument.defaultView) {
          session.destroy();
          sessions.delete(composer);
          if (lastUsed === session) lastUsed = null;
        }
      }
    });
    sweep.observe(document.documentElement, { childList: true, subtree: true });
    signal.addEventListener("abort", () => {
      sweep.disconnect();
      for (const session of sessions.values()) session.destroy();
      sessions.clear();
    });
  }

  Spotlight.composers = { watch, ComposerSession, DEBOUNCE_MS };
})();
