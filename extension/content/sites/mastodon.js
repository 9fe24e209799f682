// Mastodon: a textarea in form.compose-form; a reply shows a .reply-indicator above it.
// Mastodon runs on thousands of hosts: a few big ones are matched here, any other
// instance is enabled in the options ("Other sites", adapter Mastodon).
(() => {
  const { sites } = globalThis.Spotlight;

  sites.register({
    id: "mastodon",
    name: "Mastodon",
    hosts: ["mastodon.social", "mastodon.online", "fosstodon.org", "hachyderm.io"],
    composer: "textarea.autosuggest-textarea__textarea, .compose-form textarea",
    publishButton: ".compose-form__publish button, .compose-form button[type='submit']",
    scope: ".compose-form",
    kind(composer) {
      return composer.closest(".compose-form")?.querySelector(".reply-indicator")
        ? "reply" : "post";
    },
  });
})();
