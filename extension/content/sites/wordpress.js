// WordPress's block editor (wp-admin/post-new.php, post.php?action=edit), on the origins the
// user enables for it in the options ("Other sites": https://blog.example wordpress). A post
// is many editors: the title and one contenteditable per block. The composer is the editor
// canvas holding them all, read as one text (content/blocks.js): the title, then every
// paragraph, heading, list item and quote in order. Publish and Update (.editor-post-publish-
// button, also the confirm button of the pre-publish panel) publish; the header's toggle that
// only opens that panel, "Save draft" and Ctrl/Cmd+S do not. The post's address is the
// permalink WordPress shows once it has published (post-publish panel, snackbar).
(() => {
  const { sites, text } = globalThis.Spotlight;

  // The canvas: a div in the page, or the body of the iframe WordPress renders it in.
  const CANVAS = ".editor-styles-wrapper";
  const TITLE = ".editor-post-title__input";
  const EDITABLE = `${TITLE}, .block-editor-rich-text__editable`;
  // Blocks of prose; code, captions, buttons and the like are not what a reader reads.
  const TEXT_BLOCKS = new Set([
    "core/paragraph", "core/heading", "core/list-item", "core/quote", "core/pullquote",
  ]);
  const PERMALINK = ".post-publish-panel__postpublish-post-address input, " +
    ".post-publish-panel__postpublish-header a[href], .components-snackbar a[href]";
  const PERMALINK_WAIT_MS = 10_000;

  /** The title and the text blocks of a canvas, in reading order. */
  function blocksOf(canvas) {
    return [...canvas.querySelectorAll(EDITABLE)].filter((editable) =>
      editable.matches(TITLE) ||
      TEXT_BLOCKS.has(editable.closest("[data-type]")?.getAttribute("data-type")));
  }

  /** The address an element reports: an input's value or a link's href. */
  const addressOf = (element) =>
    element.tagName === "INPUT" ? element.value : element.getAttribute("href");

  /**
   * The permalink WordPress shows after this publish: the first post address, panel link
   * or snackbar link that was not on the page at the click; null if none comes in time.
   */
  function newPermalink() {
    const before = new Set(document.querySelectorAll(PERMALINK));
    const found = () => [...document.querySelectorAll(PERMALINK)]
      .filter((element) => !before.has(element))
      .map(addressOf)
      .find((address) => /^https?:\/\//.test(address ?? ""));
    return new Promise((resolve) => {
      const done = (address) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(address ?? null);
      };
      const observer = new MutationObserver(() => {
        const address = found();
        if (address) done(address);
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      const timer = setTimeout(() => done(found()), PERMALINK_WAIT_MS);
    });
  }

  sites.register({
    id: "wordpress",
    name: "WordPress (block editor)",
    hosts: [],
    composer: CANVAS,
    publishButton: ".editor-post-publish-button, .editor-post-publish-panel__confirm-button",
    isPublishButton(element) {
      if (!element.matches(this.publishButton)) return false;
      if (element.matches(".editor-post-publish-panel__toggle")) return false;
      // A contributor's "Submit for Review" asks an editor to publish; it is not published.
      return !/submit for review/i.test(element.textContent);
    },
    scope: "body",
    /** The canvas an editable belongs to, when it is the title or a block of text. */
    composerFor(editable) {
      const canvas = editable.closest(CANVAS);
      if (!canvas) return null;
      const inside = editable.matches(EDITABLE) || editable.querySelector(EDITABLE);
      return inside ? canvas : null;
    },
    readerFor: (canvas) => new text.BlockText(canvas, blocksOf),
    kind: () => "article",
    publishedUrl: () => newPermalink(),
    // Ctrl/Cmd+Enter does not publish in WordPress (Ctrl/Cmd+S saves a draft).
    shortcutPublishes: false,
  });
})();
