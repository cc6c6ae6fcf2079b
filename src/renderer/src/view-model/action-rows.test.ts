import { describe, expect, it } from 'vitest';
import { rowsNeeded } from './action-rows.js';

describe('rows of conflict actions', () => {
  it('keeps everything on one row when it fits', () => {
    expect(rowsNeeded([100, 100, 100], 320, 10)).toBe(1);
  });

  it('wraps to a new row when the next button would not fit', () => {
    expect(rowsNeeded([100, 100, 100], 300, 10)).toBe(2);
    expect(rowsNeeded([100, 100, 100], 150, 10)).toBe(3);
  });

  it('gives a button wider than the pane a row of its own', () => {
    expect(rowsNeeded([50, 400, 50], 200, 4)).toBe(3);
  });
});
