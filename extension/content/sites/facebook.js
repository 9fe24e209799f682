// Facebook: posts and comments are written in Lexical (div[data-lexical-editor]). The post
// dialog has a "Post" button; a comment or reply is sent with plain Enter.
(() => {
  const { sites } = globalThis.Spotlight;

  const isComment = (composer) => /\b(comment|reply|answer)\b/i.test(sites.prompt(composer));

  sites.register({
    id: "facebook",
    name: "Facebook",
    hosts: ["www.facebook.com", "facebook.com", "web.facebook.com", "m.facebook.com"],
    composer: 'div[contenteditable="true"][data-lexical-editor="true"]',
    publishButton: '[aria-label="Post"][role="button"], [aria-label="Post"], ' +
      '[aria-label="Comment"][role="button"], [aria-label="Reply"][role="button"]',
    scope: "[role='dialog'], form",
    kind(composer, trigger) {
      if (/\breply\b/i.test(sites.prompt(composer))) return "reply";
      if (isComment(composer)) return "comment";
      return sites.kindFromButton(trigger) ?? "post";
    },
    enterPublishes: isComment,
    // Ctrl/Cmd+Enter does not publish here.
    shortcutPublishes: false,
  });
})();
