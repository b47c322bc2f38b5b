/** Whether a key went to a field the person is typing in, where single-letter shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input:not([type="range"]):not([type="checkbox"]), textarea, select, [contenteditable="true"]') !== null;
}
