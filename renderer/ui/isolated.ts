/**
 * Names from files (neuron ids, conditions, sessions, epochs, file and dataset names) may carry
 * right-to-left text or bidi controls: after U+202E RIGHT-TO-LEFT OVERRIDE, "‮gnp.exe" reads "exe.png"
 * and so does whatever follows on the line. In the DOM a name sits in <bdi> (unicode-bidi: isolate), and
 * the scene's node labels have that rule in styles.css. Where only text can go — an <option>, a canvas
 * stamp — the name is wrapped in FSI … PDI (U+2068 … U+2069), the same isolation as characters; only
 * names that hold RTL text or bidi controls are wrapped, so a plain name stays exactly what the file says.
 */
const NEEDS_ISOLATION = /[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export function isolated(name: string): string {
  return NEEDS_ISOLATION.test(name) ? `\u2068${name}\u2069` : name;
}
