// Runs last of the content scripts: picks this page's adapter and starts it, and stops it
// when the user turns the site off in the options.
(async () => {
  const Spotlight = globalThis.Spotlight;
  // The manifest's scripts and the ones registered for enabled origins can both match.
  if (Spotlight.started) return;
  Spotlight.started = true;

  let running = null;
  const apply = (settings) => {
    const site = Spotlight.sites.forLocation(location, settings);
    const wanted = site && settings.sites[site.id] !== false ? site : null;
    if (running?.site === wanted) return;
    running?.controller.abort();
    running = null;
    if (wanted) {
      running = { site: wanted, controller: new AbortController() };
      wanted.init(running.controller.signal);
    }
  };
  apply(await Spotlight.storage.getSettings());
  Spotlight.storage.watchSettings(apply);
})();
