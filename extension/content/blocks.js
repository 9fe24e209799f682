// A composer made of many editable blocks read as one text: WordPress's post (its title and
// each paragraph, heading, list item and quote as its own contenteditable). Each block is
// read the way content/text.js reads any contenteditable, and blocks are joined with a blank
// line: a block boundary is then always a segment boundary for the companion, whose cache
// re-parses only the segments that changed, so a keystroke in one block of a long post
// re-scores that block alone.
(() => {
  const Spotlight = (globalThis.Spotlight ??= {});
  const { EditableText } = Spotlight.text;

  const SEPARATOR = "\n\n";

  class BlockText {
    /**
     * @param {Element} root the element holding every block
     * @param {function(Element): Element[]} blocksOf the blocks to read, in reading order
     */
    constructor(root, blocksOf) {
      this.root = root;
      this.blocksOf = blocksOf;
    }

    /** -> {text, pieces}; empty blocks (a new paragraph not written yet) are skipped. */
    read() {
      const texts = [];
      const pieces = [];
      let base = 0;
      for (const block of this.blocksOf(this.root)) {
        const own = new EditableText(block).read();
        if (!own.text.trim()) continue;
        if (texts.length) base += SEPARATOR.length;
        for (const piece of own.pieces) pieces.push({ ...piece, start: piece.start + base });
        texts.push(own.text);
        base += own.text.length;
      }
      return { text: texts.join(SEPARATOR), pieces };
    }

    /** Viewport rectangles of text[start:end]: Ranges over the blocks' own text nodes. */
    rects(snapshot, start, end) {
      return EditableText.prototype.rects.call(this, snapshot, start, end);
    }
  }

  Spotlight.text.BlockText = BlockText;
  Spotlight.text.BLOCK_SEPARATOR = SEPARATOR;
})();
