import { describe, expect, it } from 'vitest';
import { containRect, pressureOf, strokeWidth, visibleOperations, type SketchOperation } from '../../../renderer/src/lib/sketch';
import { UndoHistory } from '../../../renderer/src/lib/undo-history';

describe('UndoHistory', () => {
  it('undoes and redoes in order, and a new operation forgets what was undone', () => {
    const history = new UndoHistory<string>();
    expect(history.undo()).toBe(false);
    for (const stroke of ['a', 'b', 'c']) history.push(stroke);
    expect(history.undo()).toBe(true);
    expect(history.undo()).toBe(true);
    expect(history.done).toEqual(['a']);
    expect(history.canRedo).toBe(true);
    expect(history.redo()).toBe(true);
    expect(history.done).toEqual(['a', 'b']);
    history.push('d');
    expect(history.canRedo).toBe(false);
    expect(history.redo()).toBe(false);
    expect(history.done).toEqual(['a', 'b', 'd']);
  });
});

describe('sketch', () => {
  it('takes pressure from pens and touches, not from a mouse', () => {
    expect(pressureOf({ pointerType: 'mouse', pressure: 0.5 })).toBeNull();
    expect(pressureOf({ pointerType: 'pen', pressure: 0.25 })).toBe(0.25);
    expect(pressureOf({ pointerType: 'pen', pressure: 0 })).toBeNull(); // a pen that reports none
    expect(pressureOf({ pointerType: 'touch', pressure: 1.4 })).toBe(1);
    expect(strokeWidth(10, null)).toBe(10);
    expect(strokeWidth(10, 1)).toBe(10);
    expect(strokeWidth(10, 0)).toBe(2);
  });

  it('fits a starting image whole and centred in the square', () => {
    expect(containRect(2048, 1536, 256)).toEqual({ x: 0, y: 32, width: 256, height: 192 });
    expect(containRect(100, 400, 256)).toEqual({ x: 96, y: 0, width: 64, height: 256 });
  });

  it('replays only what follows the last clear or starting image', () => {
    const stroke = (colour: string): SketchOperation<never> => ({ kind: 'stroke', colour, size: 4, erase: false, points: [{ x: 1, y: 1, pressure: null }] });
    const operations = [stroke('red'), { kind: 'clear' } as const, stroke('blue'), stroke('green')];
    expect(visibleOperations(operations)).toEqual(operations.slice(1));
    expect(visibleOperations([stroke('red')])).toHaveLength(1);
  });
});
