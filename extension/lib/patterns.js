// Match patterns for the origins a user enables (options, "Other sites"), written the way
// both browsers read them. Used by the options page (to ask for the permission) and the
// background (to register the content scripts), so both ask for the same pattern.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});

  /**
   * "https://social.example:8443" -> "https://social.example/*". Without the port: Firefox
   * accepts a pattern with a port but matches nothing with it (a permission request for it
   * never resolves), and Chrome's pattern without a port matches every port. Which adapter
   * runs is still decided per exact origin, port included (content/sites/registry.js).
   */
  function forOrigin(origin) {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}/*`;
  }

  /**
   * A script path as registerContentScripts wants it: relative to the extension's root.
   * Firefox's getManifest() gives absolute moz-extension:// URLs, which it then refuses.
   */
  function relative(path) {
    return path.replace(/^[a-z-]+:\/\/[^/]+\//, "");
  }

  Spotlight.patterns = { forOrigin, relative };
})();
