// The background service worker (an event page in Firefox, which loads the same files
// from manifest.background.scripts). It is the only code that talks to the companion;
// content scripts, the popup and the options page send it messages, one named handler
// each.
if (typeof importScripts === "function") {
  importScripts(
    "../lib/storage.js",
    "../lib/patterns.js",
    "companion.js",
    "queue.js",
    "origins.js",
  );
}

(() => {
  const { storage, companion, queue, origins } = globalThis.Spotlight;
  const api = globalThis.browser ?? globalThis.chrome;

  function failure(error) {
    return { ok: false, error: error.toJSON?.() ?? { code: "error", message: String(error) } };
  }

  const handlers = {
    /** {text, site, kind} -> {ok, report}: score a draft. */
    async scoreDraft({ text, site, kind }) {
      const settings = await storage.getSettings();
      const report = await companion.score(settings, { text, site, kind });
      // The companion answers again: a good moment to send what waited for it.
      queue.deliver();
      return { ok: true, report };
    },

    /** {post} -> {ok, queued}: record a published post, now or when the companion is back. */
    async publishPost({ post }) {
      await queue.enqueue(post);
      await queue.deliver();
      return { ok: true, queued: await queue.size() };
    },

    /** -> {ok, reachable, paired, queued, give_ratio, history_url, error?} */
    async getStatus() {
      const settings = await storage.getSettings();
      const status = {
        ok: true,
        reachable: false,
        paired: false,
        port: settings.port,
        history_url: companion.historyUrl(settings),
        queued: await queue.size(),
        give_ratio: null,
        goal: null,
        error: null,
      };
      try {
        status.health = await companion.health(settings);
        status.reachable = true;
        const trends = await companion.trends(settings);
        await companion.pairing(settings, false); // a GET may carry no Origin to refuse
        status.paired = true;
        Object.assign(status, weekSummary(trends));
        await queue.deliver();
        status.queued = await queue.size();
      } catch (error) {
        status.error = error.toJSON?.() ?? { code: "error", message: String(error) };
      }
      return status;
    },

    /** {rule} -> {ok}: "Don't show this again", kept in the companion's settings. */
    async dismissRule({ rule }) {
      const settings = await storage.getSettings();
      const current = await companion.getSettings(settings);
      const disabled = new Set(current.disabled_rules ?? []);
      disabled.add(rule);
      await companion.putSettings(settings, { disabled_rules: [...disabled] });
      return { ok: true };
    },

    /** -> {ok, rules: [{id, dimension, principle, enabled}]} for the options page. */
    async getRules() {
      const settings = await storage.getSettings();
      return { ok: true, ...(await companion.getSettings(settings)) };
    },

    /** {disabled_rules} -> {ok} */
    async setRules({ disabled_rules }) {
      const settings = await storage.getSettings();
      await companion.putSettings(settings, { disabled_rules });
      return { ok: true };
    },

    /** -> {ok, origins}: register the content scripts for the origins the user enabled. */
    async syncOrigins() {
      return { ok: true, origins: await origins.sync(await storage.getSettings()) };
    },

    /** -> {ok}: the options page saved a token: register our origin with it. */
    async registerOrigin(_message, sender) {
      if (!sender.url?.startsWith(api.runtime.getURL(""))) {
        return failure(new companion.CompanionError("rejected", "only from the extension's pages"));
      }
      await companion.pairing(await storage.getSettings(), true);
      return { ok: true };
    },

    /** {port, token} from content/pairing.js on the companion's own history page. */
    async pair({ port, token }, sender) {
      const page = new URL(sender.url ?? sender.origin ?? "about:blank");
      const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(page.hostname);
      if (!loopback || String(page.port) !== String(port) || page.protocol !== "http:") {
        return failure(new companion.CompanionError("rejected", "pairing only from the history page"));
      }
      const current = await storage.getSettings();
      if (String(current.port) !== String(port) && current.token) {
        // Already paired with a companion on another port: a page elsewhere on loopback
        // must not move the drafts to itself while that pairing works.
        const works = await companion.trends(current).then(() => true, () => false);
        if (works) {
          return failure(new companion.CompanionError("rejected",
            `already paired with the companion on port ${current.port}; change it in the options`));
        }
      }
      const candidate = { ...current, port: Number(port), token };
      await companion.trends(candidate); // throws unless it takes the token
      await companion.pairing(candidate, true); // and now allows our exact origin
      await storage.saveSettings({ port: Number(port), token });
      queue.deliver();
      return { ok: true };
    },
  };

  /** This week's give ratio from GET /trends?bucket=week (buckets oldest first). */
  function weekSummary(trends) {
    const last = trends?.buckets?.at(-1);
    const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
    const thisWeek = last && Date.parse(last.start) > weekAgo ? last : null;
    return {
      give_ratio: thisWeek?.give_ratio ?? null,
      posts_this_week: thisWeek?.posts ?? 0,
      goal: trends?.goal ?? null,
    };
  }

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const handler = handlers[message?.type];
    if (!handler) return false;
    handler(message, sender).then(sendResponse, (error) => sendResponse(failure(error)));
    return true; // the answer comes asynchronously
  });

  api.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === queue.ALARM) queue.deliver();
  });

  // A worker started by the browser (after a restart, or after being stopped while posts
  // waited) sends what is queued.
  api.runtime.onStartup.addListener(() => queue.deliver());
  api.runtime.onInstalled.addListener(async () => {
    await origins.sync(await storage.getSettings());
    queue.deliver();
  });
  storage.watchSettings((settings) => origins.sync(settings).catch(() => {}));
})();
