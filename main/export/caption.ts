/**
 * Captions for contact sheets, drawn by sharp's text input (Pango with the
 * system's fonts: nothing is fetched). A caption takes at most two lines of
 * its cell's width; a longer one is cut at a character and ends in "…".
 */
import sharp from 'sharp';
import type { Tile } from './sheet-image';

const colour = '#333333';
const maximumLines = 2;

export class CaptionWriter {
  readonly #width: number;
  readonly #fontPx: number;
  /** The height of two lines in this font, measured rather than guessed. */
  readonly height: number;

  private constructor(width: number, fontPx: number, height: number) {
    this.#width = width;
    this.#fontPx = fontPx;
    this.height = height;
  }

  static async create(width: number, fontPx: number): Promise<CaptionWriter> {
    const measured = await render(Array.from({ length: maximumLines }, () => 'Ágy').join('\n'), width, fontPx);
    return new CaptionWriter(width, fontPx, measured.height);
  }

  /** The caption as a PNG tile, or null when the text is empty. */
  async write(text: string): Promise<Tile | null> {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean === '') return null;
    const whole = await render(clean, this.#width, this.#fontPx);
    if (whole.height <= this.height) return whole;
    // The longest start of the text that fits with an ellipsis.
    let fits = 0;
    let tooLong = clean.length;
    let best: Tile | null = null;
    while (tooLong - fits > 1) {
      const middle = Math.floor((fits + tooLong) / 2);
      const tried = await render(`${clean.slice(0, middle).trimEnd()}…`, this.#width, this.#fontPx);
      if (tried.height <= this.height) {
        fits = middle;
        best = tried;
      } else tooLong = middle;
    }
    return best ?? (await render('…', this.#width, this.#fontPx));
  }
}

async function render(text: string, width: number, fontPx: number): Promise<Tile> {
  const markup = `<span foreground="${colour}">${escapeMarkup(text)}</span>`;
  const { data, info } = await sharp({ text: { text: markup, font: `sans ${fontPx}`, width, align: 'centre', wrap: 'word-char', rgba: true, dpi: 72 } })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** Pango markup: the caption's own text must not be read as tags. */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
