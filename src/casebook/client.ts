/**
 * The casebook page in the browser: the 打印 / 存为 PDF button, and the printed layout (src/casebook/print.ts),
 * made when the browser is about to print, however printing was started (the button, Ctrl+P, the menu).
 */
import { layOut, type Layout } from './print.ts';

const book = document.querySelector<HTMLElement>('[data-casebook]');
let laid: Layout | undefined;

function prepare(book: HTMLElement): Layout {
  if (!laid) {
    laid = layOut(book);
    document.documentElement.classList.add('book-laid-out');
  }
  return laid;
}

/** Resolves when every image of the printed copy has loaded (or failed), or after 10 seconds. */
function imagesReady(root: HTMLElement): Promise<unknown> {
  const pending = [...root.querySelectorAll('img')].filter((img) => !img.complete).map((img) => img.decode().catch(() => undefined));
  return Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 10_000))]);
}

if (book) {
  // A printed booklet needs every image, not only those scrolled to.
  for (const img of book.querySelectorAll('img')) img.loading = 'eager';
  window.addEventListener('beforeprint', () => prepare(book));
  const button = document.querySelector<HTMLButtonElement>('[data-casebook-print]');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await imagesReady(prepare(book).root);
      } finally {
        button.disabled = false;
      }
      window.print();
    });
  }
}
