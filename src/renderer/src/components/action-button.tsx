import type { ButtonHTMLAttributes } from 'react';

/**
 * A button that stays focusable while `busy` (marked `aria-disabled`, its clicks ignored): a
 * disabled button would drop the keyboard focus to the page, and a row's next action would start
 * from the top of the document.
 */
export function ActionButton({ busy, onClick, ...button }: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean }) {
  return (
    <button
      type="button"
      {...button}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (!busy) onClick?.(event);
      }}
    />
  );
}
