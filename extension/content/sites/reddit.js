// Reddit: the markdown editor is a textarea, the rich-text editor is Lexical inside
// shreddit-composer (old Reddit: textareas only). A composer on a /submit page is a post;
// one under a comment is a reply; the others on a thread are comments.
(() => {
  const { sites } = globalThis.Spotlight;

  sites.register({
    id: "reddit",
    name: "Reddit",
    hosts: ["www.reddit.com", "reddit.com", "old.reddit.com", "new.reddit.com"],
    composer: "textarea[name='text'], textarea[name='body'], textarea#innerTextArea, " +
      "shreddit-composer [contenteditable='true'], " +
      "div[contenteditable='true'][data-lexical-editor='true']",
    publishButton: "button[type='submit'], button[slot='submit-button'], " +
      ".usertext-buttons button.save",
    scope: "form, shreddit-composer, comment-composer-host, .usertext",
    kind(composer) {
      if (/\/submit\b/.test(location.pathname)) return "post";
      return composer.closest("shreddit-comment, .comment, [data-reply-to]") ? "reply" : "comment";
    },
  });
})();
