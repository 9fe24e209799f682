// Any other site, off unless the user enables it for an origin (options, "Other sites"):
// every textarea and contenteditable is a composer (CKEditor 5, Quill, a plain one, also in
// a same-origin iframe); a submit button or a button saying post/reply/send/share/publish/
// comment publishes it, as does Ctrl/Cmd+Enter. The site recorded is the origin's host.
(() => {
  const { sites } = globalThis.Spotlight;

  const PUBLISH_WORDS = /^(post|reply|send|publish|comment|submit|share|toot|tweet)\b/i;

  sites.register({
    id: "generic",
    name: "Any site (generic)",
    hosts: [],
    composer: "textarea, [contenteditable='true'], [contenteditable=''], " +
      "[contenteditable='plaintext-only']",
    publishButton: "button, input[type='submit'], [role='button']",
    isPublishButton(element) {
      if (!element.matches(this.publishButton)) return false;
      if (element.type === "submit") return true;
      const words = `${element.textContent} ${element.getAttribute("aria-label") ?? ""}`;
      return PUBLISH_WORDS.test(words.trim());
    },
    scope: "form, [role='dialog']",
    // Each enabled origin is its own site in the history (intranet.example.com), so work
    // tools and public sites are told apart.
    siteName: (location) => location.hostname.toLowerCase(),
  });
})();
