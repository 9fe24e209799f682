// The list of site adapters. Each adapter is one file in this folder that calls
// Spotlight.sites.register({...}) with:
//   id, name         how settings and the companion's history name the site
//   hosts            the hostnames it runs on by itself (others: options, "Other sites")
//   composer         CSS selector of the editor's root element (contenteditable or textarea)
//   publishButton    CSS selector of the buttons that publish (post, reply, comment)
//   scope            CSS selector of the box holding a composer and its publish button
// and optionally kind(composer, trigger) -> "post" | "reply" | "comment" (by default: a
// reply when the composer's prompt says so, else what the button says, else a post),
// isPublishButton(element), enterPublishes(composer) (plain Enter sends, as in Facebook's
// comment boxes), shortcutPublishes (false where Ctrl/Cmd+Enter does not publish, so that
// pressing it records nothing). Every adapter starts the same way: init(signal) follows
// the composers it recognizes (content/composer.js) until the signal aborts.
// For composers that are not one editable element: composerFor(editable) (the composer an
// editable belongs to, or null), readerFor(composer) (its text reader, e.g.
// content/blocks.js), siteName(location) (the site the history names, e.g. the host),
// publishedUrl(trigger) (a promise of the post's own address, reported after publishing).
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});
  const all = [];

  const defaults = {
    shortcutPublishes: true,
    kind(composer, trigger) {
      if (/\breply\b/i.test(prompt(composer))) return "reply";
      return kindFromButton(trigger) ?? "post";
    },
    init(signal) {
      Spotlight.composers.watch(this, signal);
    },
    isComposer(element) {
      return element.matches(this.composer);
    },
    isPublishButton(element) {
      return element.matches(this.publishButton);
    },
    scopeOf(button) {
      return button.closest(this.scope);
    },
  };

  /** "post" | "reply" | "comment" read from the words on a publish button, if any. */
  function kindFromButton(trigger) {
    const words = (trigger?.button?.textContent ?? "") + " " +
      (trigger?.button?.getAttribute("aria-label") ?? "");
    if (/\breply\b/i.test(words)) return "reply";
    if (/\bcomment\b/i.test(words)) return "comment";
    return null;
  }

  /** The text a composer shows as a prompt ("Write a reply...", "What's on your mind?"). */
  function prompt(composer) {
    return [
      composer.getAttribute("aria-label"),
      composer.getAttribute("aria-placeholder"),
      composer.getAttribute("placeholder"),
      composer.getAttribute("data-placeholder"),
    ].filter(Boolean).join(" ");
  }

  Spotlight.sites = {
    all,
    kindFromButton,
    prompt,
    register(site) {
      all.push(Object.assign(Object.create(defaults), site));
    },
    byId: (id) => all.find((site) => site.id === id) ?? null,
    /**
     * The adapter for this page: the one the user chose for this origin (options, "Other
     * sites"), else the one whose hosts include this hostname.
     */
    forLocation(location, settings) {
      const chosen = settings.origins?.[location.origin];
      if (chosen) return Spotlight.sites.byId(chosen);
      return all.find((site) => site.hosts.includes(location.hostname)) ?? null;
    },
  };
})();
