// Any other site, off unless the user enables it for an origin (options, "Other sites"):
// every textarea and contenteditable is a composer; a submit button or a button saying
// post/reply/send/publish/comment publishes it.
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
  });
})();
