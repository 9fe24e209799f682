// Bluesky: the composer is TipTap (ProseMirror, div.ProseMirror). The publish button has
// data-testid composerPublishBtn and says "Post" or "Reply".
(() => {
  const { sites } = globalThis.Spotlight;

  sites.register({
    id: "bluesky",
    name: "Bluesky",
    hosts: ["bsky.app", "staging.bsky.app"],
    composer: '.ProseMirror[contenteditable="true"]',
    publishButton: '[data-testid="composerPublishBtn"]',
    scope: "[role='dialog'], [aria-modal='true'], form",
  });
})();
