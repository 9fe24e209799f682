// Reading a composer's text the way the user sees it, and finding where a stretch of that
// text is drawn. The companion's offsets are UTF-16 code units, which is what JavaScript
// strings index, so an offset into the text read here needs no conversion.
//
// Nothing here changes the editor's DOM: contenteditable text is measured with Ranges over
// the editor's own text nodes; a textarea is measured on a mirror that lives in the
// overlay's shadow root.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});

  const BLOCKS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIGCAPTION",
    "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI",
    "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TR", "UL",
  ]);
  const SKIPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);

  /**
   * A contenteditable editor (Quill, Draft.js, Lexical, ProseMirror, plain): every leaf
   * block is a line, a <br> inside a line breaks it, the placeholder <br> an editor keeps
   * in an empty line or after a final line break is not text, an <img alt> (emoji images)
   * counts as its alt text.
   */
  class EditableText {
    constructor(root) {
      this.root = root;
    }

    /** -> {text, pieces: [{node, start, length, atom}]}; pieces map text to nodes. */
    read() {
      const lines = [];
      const pieces = [];
      let line = "";
      let base = 0; // offset in the whole text where the current line starts
      let pendingBreak = false; // a <br> seen, but it only counts if content follows

      const commit = () => {
        lines.push(line);
        base += line.length + 1;
        line = "";
      };
      const inline = (node, content, atom) => {
        if (pendingBreak) {
          commit();
          pendingBreak = false;
        }
        pieces.push({ node, start: base + line.length, length: content.length, atom });
        line += content;
      };
      const walk = (node) => {
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.data) inline(node, node.data, false);
          return false;
        }
        if (node.nodeType !== Node.ELEMENT_NODE || SKIPPED.has(node.tagName)) return false;
        if (node.tagName === "BR") {
          if (pendingBreak) commit();
          pendingBreak = true;
          return false;
        }
        if (node.tagName === "IMG") {
          if (node.alt) inline(node, node.alt, true);
          return false;
        }
        const block = BLOCKS.has(node.tagName) && node !== this.root;
        if (block) {
          pendingBreak = false;
          if (line) commit();
        }
        let hasBlockChild = false;
        for (let child = node.firstChild; child; child = child.nextSibling) {
          hasBlockChild = walk(child) || hasBlockChild;
        }
        if (block || node === this.root) {
          pendingBreak = false;
          if (line || !hasBlockChild) commit();
        }
        return block || hasBlockChild;
      };
      walk(this.root);
      return { text: lines.join("\n"), pieces };
    }

    /** Viewport rectangles of text[start:end] in a snapshot from read(). */
    rects(snapshot, start, end) {
      const rects = [];
      for (const piece of snapshot.pieces) {
        const from = Math.max(start, piece.start);
        const to = Math.min(end, piece.start + piece.length);
        if (from >= to || !piece.node.isConnected) continue;
        // The node's own document: a composer may live in a same-origin iframe.
        const range = piece.node.ownerDocument.createRange();
        if (piece.atom) {
          range.selectNode(piece.node);
        } else {
          range.setStart(piece.node, from - piece.start);
          range.setEnd(piece.node, to - piece.start);
        }
        for (const rect of range.getClientRects()) {
          if (rect.width > 0 && rect.height > 0) rects.push(rect);
        }
      }
      return rects;
    }
  }

  const MIRRORED = [
    "boxSizing", "fontFamily", "fontSize", "fontStyle", "fontWeight", "fontVariant",
    "fontStretch", "fontKerning", "fontFeatureSettings", "lineHeight", "letterSpacing",
    "wordSpacing", "textIndent", "textTransform", "textAlign", "direction", "tabSize",
    "whiteSpace", "wordBreak", "overflowWrap", "paddingTop", "paddingRight",
    "paddingBottom", "paddingLeft",
  ];

  /**
   * A <textarea> (Mastodon, Reddit's markdown box). A textarea has no nodes to measure, so
   * a mirror with the same box and font is laid out at the same place inside the overlay,
   * and the stretch is measured there.
   */
  class FieldText {
    constructor(field) {
      this.field = field;
      this.mirror = null;
    }

    read() {
      return { text: this.field.value, pieces: [] };
    }

    /** The overlay gives the element the mirror lives in (inside its shadow root). */
    useScratch(scratch) {
      this.mirror = document.createElement("div");
      scratch.append(this.mirror);
    }

    rects(snapshot, start, end) {
      if (!this.mirror || snapshot.text !== this.field.value) return [];
      const field = this.field;
      const style = getComputedStyle(field);
      const box = field.getBoundingClientRect();
      const mirror = this.mirror;
      for (const name of MIRRORED) mirror.style[name] = style[name];
      Object.assign(mirror.style, {
        position: "absolute",
        visibility: "hidden",
        boxSizing: "content-box",
        border: "0",
        margin: "0",
        whiteSpace: style.whiteSpace === "normal" ? "pre-wrap" : style.whiteSpace,
        overflowWrap: "break-word",
        left: `${box.left + field.clientLeft - field.scrollLeft}px`,
        top: `${box.top + field.clientTop - field.scrollTop}px`,
        width: `${field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)}px`,
      });
      const text = snapshot.text;
      const marked = document.createElement("span");
      marked.textContent = text.slice(start, end);
      mirror.replaceChildren(text.slice(0, start), marked, `${text.slice(end)}\u200b`);
      const visible = {
        top: box.top + field.clientTop,
        left: box.left + field.clientLeft,
        bottom: box.top + field.clientTop + field.clientHeight,
        right: box.left + field.clientLeft + field.clientWidth,
      };
      return [...marked.getClientRects()]
        .filter((rect) => rect.width > 0 && rect.bottom > visible.top && rect.top < visible.bottom)
        .map((rect) => {
          const top = Math.max(rect.top, visible.top);
          const bottom = Math.min(rect.bottom, visible.bottom);
          const left = Math.max(rect.left, visible.left);
          const right = Math.min(rect.right, visible.right);
          return new DOMRect(left, top, right - left, bottom - top);
        });
    }
  }

  /** The editable root an event target belongs to (the outermost contenteditable). */
  function editableRoot(node) {
    let element = node?.nodeType === Node.ELEMENT_NODE ? node : node?.parentElement;
    if (!element) return null;
    if (element.tagName === "TEXTAREA") return element;
    if (!element.isContentEditable) return null;
    while (element.parentElement?.isContentEditable) element = element.parentElement;
    return element;
  }

  Spotlight.text = {
    EditableText,
    FieldText,
    editableRoot,
    readerFor: (element) =>
      element.tagName === "TEXTAREA" ? new FieldText(element) : new EditableText(element),
  };
})();
