// Composers inside iframes of the page's own origin: an intranet's composer widget, the
// editor canvas WordPress puts in an iframe, an editor whose editable area is an iframe.
// The content script of the top page reaches into those frames (the browser lets a page
// read a same-origin frame's document), so one session sees the composer and the publish
// button wherever each is, and the overlay stays in the top page. Frames of other origins
// are out of reach and left alone.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});

  /** The document of a same-origin iframe, or null (cross-origin, not loaded yet). */
  function frameDocument(frame) {
    try {
      return frame.contentDocument ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Call `listener` for `type` events in this document and in every same-origin iframe's
   * document, those there now and those loaded later, until `signal` aborts.
   */
  function listen(type, listener, signal) {
    const seen = new WeakSet();
    const attach = (doc) => {
      if (!doc || seen.has(doc)) return;
      seen.add(doc);
      doc.addEventListener(type, listener, { capture: true, signal });
      // A frame's load event does not bubble, but passes through its document in capture.
      doc.addEventListener("load", (event) => {
        if (event.target?.tagName === "IFRAME") attach(frameDocument(event.target));
      }, { capture: true, signal });
      for (const frame of doc.querySelectorAll("iframe")) attach(frameDocument(frame));
    };
    attach(document);
  }

  /** Where a node's frame sits in the top page's viewport: {x, y} to add to its rects. */
  function offset(node) {
    let x = 0;
    let y = 0;
    let view = node.ownerDocument?.defaultView;
    while (view && view !== window && view.frameElement) {
      const frame = view.frameElement;
      const box = frame.getBoundingClientRect();
      const style = view.parent.getComputedStyle(frame);
      x += box.left + frame.clientLeft + parseFloat(style.paddingLeft);
      y += box.top + frame.clientTop + parseFloat(style.paddingTop);
      view = view.parent;
    }
    return { x, y };
  }

  /** `rect` (in its frame's viewport) moved into the top page's viewport. */
  function shift(rect, { x, y }) {
    return x || y ? new DOMRect(rect.left + x, rect.top + y, rect.width, rect.height) : rect;
  }

  Spotlight.frames = { frameDocument, listen, offset, shift };
})();
