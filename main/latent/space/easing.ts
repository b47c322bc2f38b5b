/** Easing curves: map linear progress 0..1 within a segment to eased progress 0..1. */
import type { Easing } from '../../../preload/contract';

export function ease(easing: Easing, t: number): number {
  switch (easing) {
    case 'linear':
      return t;
    // Sine curves: they leave and reach a keyframe with zero speed and no overshoot.
    case 'ease-in':
      return 1 - Math.cos((t * Math.PI) / 2);
    case 'ease-out':
      return Math.sin((t * Math.PI) / 2);
    case 'ease-in-out':
      return (1 - Math.cos(t * Math.PI)) / 2;
  }
}
