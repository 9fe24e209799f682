// X (Twitter): the composer is Draft.js (div.public-DraftEditor-content, data-testid
// tweetTextarea_N). "Post" and "Reply" are the same buttons (tweetButton in the dialog,
// tweetButtonInline in the timeline); a reply is written on a /status/ page or says so.
(() => {
  const { sites } = globalThis.Spotlight;

  sites.register({
    id: "x",
    name: "X",
    hosts: ["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"],
    composer: '[data-testid^="tweetTextarea_"][contenteditable="true"], ' +
      '.public-DraftEditor-content[contenteditable="true"]',
    publishButton: '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]',
    scope: "[role='dialog'], [data-testid='inline_reply_offscreen'], form, " +
      "[data-testid='primaryColumn']",
    kind(composer, trigger) {
      const fromButton = sites.kindFromButton(trigger);
      if (fromButton) return fromButton;
      if (/\breply\b/i.test(sites.prompt(composer))) return "reply";
      return /\/status\/\d+/.test(location.pathname) ? "reply" : "post";
    },
  });
})();
