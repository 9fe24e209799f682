// LinkedIn: posts and comments are written in Quill (div.ql-editor). The share box has a
// primary "Post" button; comment boxes have their own submit button.
(() => {
  const { sites } = globalThis.Spotlight;

  sites.register({
    id: "linkedin",
    name: "LinkedIn",
    hosts: ["www.linkedin.com", "linkedin.com"],
    composer: '.ql-editor[contenteditable="true"]',
    publishButton: "button.share-actions__primary-action, " +
      "button.comments-comment-box__submit-button, button.comments-comment-box__submit-button--cr",
    scope: ".share-box, .share-creation-state, [role='dialog'], form.comments-comment-box__form, " +
      ".comments-comment-box, .comments-comment-texteditor",
    kind(composer) {
      const comment = composer.closest(".comments-comment-box, .comments-comment-texteditor, " +
        "form.comments-comment-box__form");
      if (!comment) return "post";
      return comment.closest(".comments-comment-item, .comments-comment-entity, " +
        ".comments-comment-box--reply") ? "reply" : "comment";
    },
    // Ctrl/Cmd+Enter does not publish here.
    shortcutPublishes: false,
  });
})();
