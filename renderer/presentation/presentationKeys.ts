/** What a key does to a presentation. */
export type PresentationCommand = 'next' | 'previous' | 'first' | 'last' | 'black' | 'white' | 'start' | 'start-here' | 'leave';

/**
 * The keys of a talk, as PowerPoint and Keynote have them, so a presentation clicker works without
 * setup (clickers send PageDown / PageUp, F5 / Shift+F5 or Esc, and "." for a black screen):
 * → PageDown Space Enter N next; ← PageUp Backspace P previous; Home / End; B or . black; W white;
 * F5 from the start, Shift+F5 from the current step; Esc leaves. Outside a presentation only F5 and
 * Shift+F5 mean anything (they start one); every other key is the workspace's.
 */
export function presentationCommand(key: string, shift: boolean, presenting: boolean): PresentationCommand | null {
  if (key === 'F5') return shift ? 'start-here' : 'start';
  if (!presenting) return null;
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
    case ' ':
    case 'Enter':
    case 'n':
    case 'N':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
    case 'Backspace':
    case 'p':
    case 'P':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'b':
    case 'B':
    case '.':
      return 'black';
    case 'w':
    case 'W':
      return 'white';
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}
