// Runs on loopback pages. On the Spotlight companion's own history page, which carries
// the pairing token in <meta name="spotlight-token">, it hands the token and the port to
// the background, which checks them against the companion before saving them. Any other
// page on 127.0.0.1 is left alone.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const meta = document.querySelector('meta[name="spotlight-token"]');
  const token = meta?.getAttribute("content")?.trim();
  if (!token || !/^[\w-]{16,}$/.test(token)) return;
  const port = location.port || "80";
  api.runtime.sendMessage({ type: "pair", port, token }).then((answer) => {
    // The page may show it; the extension keeps no other trace on the page.
    document.documentElement.dataset.spotlightPaired = answer?.ok ? "yes" : "no";
  }, () => {});
})();
