// The one module that touches chrome.storage. Everything else reads and writes through
// Spotlight.storage, so the shape of what is stored is declared here and nowhere else.
//
//   settings: { port, token, sites: {siteId: false} (on unless false),
//               origins: {"https://example.org": "generic" | siteId},
//               work: {"https://intranet.example": true} (enabled origins that count as work) }
//   queue:    [{id, text, site, kind, url, posted_at, attempts, last_error}]
//
// Everything lives in storage.local: the token must not travel with browser sync, and the
// queue must survive the service worker being stopped (it is the offline queue).
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});
  const api = globalThis.browser ?? globalThis.chrome;

  const DEFAULT_PORT = 47800;
  const DEFAULTS = {
    settings: { port: DEFAULT_PORT, token: "", sites: {}, origins: {}, work: {} },
    queue: [],
  };

  async function read(key) {
    const stored = await api.storage.local.get(key);
    return stored[key] ?? structuredClone(DEFAULTS[key]);
  }

  // Read-modify-write steps run one after another inside one context (the background),
  // so two posts queued at the same moment cannot overwrite each other.
  let lastWrite = Promise.resolve();
  function update(key, change) {
    const step = lastWrite.then(async () => {
      const next = change(await read(key));
      await api.storage.local.set({ [key]: next });
      return next;
    });
    lastWrite = step.catch(() => {});
    return step;
  }

  function watch(key, callback) {
    const listener = (changes, area) => {
      if (area === "local" && key in changes) {
        callback(changes[key].newValue ?? structuredClone(DEFAULTS[key]));
      }
    };
    api.storage.onChanged.addListener(listener);
    return () => api.storage.onChanged.removeListener(listener);
  }

  async function getSettings() {
    return { ...DEFAULTS.settings, ...(await read("settings")) };
  }

  Spotlight.storage = {
    DEFAULT_PORT,
    getSettings,
    /** Merge `patch` into the settings; returns the new settings. */
    saveSettings: (patch) =>
      update("settings", (current) => ({ ...DEFAULTS.settings, ...current, ...patch })),
    watchSettings: (callback) =>
      watch("settings", (value) => callback({ ...DEFAULTS.settings, ...value })),
    getQueue: () => read("queue"),
    /** Replace the queue with `change(queue)`; returns the new queue. */
    updateQueue: (change) => update("queue", change),
    watchQueue: (callback) => watch("queue", callback),
  };
})();
