// Threads: the composer is Lexical; its "Post" button is a div[role=button] with the
// word on it. A reply's composer prompt says "Reply to ...".
(() => {
  const { sites } = globalThis.Spotlight;

  sites.register({
    id: "threads",
    name: "Threads",
    hosts: ["www.threads.net", "threads.net", "www.threads.com", "threads.com"],
    composer: 'div[contenteditable="true"][data-lexical-editor="true"]',
    publishButton: '[role="button"], button',
    isPublishButton(element) {
      return element.matches(this.publishButton) &&
        /^(post|reply)$/i.test(element.textContent.trim());
    },
    scope: "[role='dialog'], form",
  });
})();
