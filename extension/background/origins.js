// Sites the user enabled by origin (options page, "Other sites"): a self-hosted Mastodon
// instance with the Mastodon adapter, or any site's textarea with the generic adapter.
// The same content scripts as the manifest's are registered for those origins; which
// adapter runs is decided in content/main.js from settings.origins.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});
  const api = globalThis.browser ?? globalThis.chrome;

  const { patterns } = Spotlight;
  const SCRIPT_ID = "spotlight-enabled-origins";

  // Two syncs at once would both register the same script id: run them in turn.
  let last = Promise.resolve();
  /** Make the registered content scripts match settings.origins. */
  function sync(settings) {
    const run = last.then(() => register(settings));
    last = run.catch(() => {});
    return run;
  }

  async function register(settings) {
    const origins = Object.keys(settings.origins ?? {});
    const registered = await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (registered.length) {
      await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    }
    const allowed = [];
    for (const pattern of new Set(origins.map(patterns.forOrigin))) {
      // Loopback is in host_permissions; any other origin needs the permission the options
      // page asked for when the user enabled it.
      if (await api.permissions.contains({ origins: [pattern] })) allowed.push(pattern);
    }
    if (!allowed.length) return [];
    await api.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: allowed,
        js: api.runtime.getManifest().content_scripts[0].js.map(patterns.relative),
        runAt: "document_idle",
        persistAcrossSessions: true,
      },
    ]);
    return allowed;
  }

  Spotlight.origins = { sync };
})();
