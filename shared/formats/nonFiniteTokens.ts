/**
 * Python's json module (and MATLAB's jsonencode) write NaN, Infinity and -Infinity as bare tokens,
 * which JSON.parse rejects with an unhelpful position. We turn those tokens (outside strings) into
 * `null`, so the schema check can say *which* trial and neuron holds the non-finite value.
 */
export function replaceNonFiniteTokens(text: string): { text: string; replaced: number } {
  if (!/NaN|Infinity/.test(text)) return { text, replaced: 0 };
  let out = '';
  let replaced = 0;
  let inString = false;
  let segmentStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    const token = text.startsWith('NaN', i)
      ? 'NaN'
      : text.startsWith('-Infinity', i)
        ? '-Infinity'
        : text.startsWith('Infinity', i)
          ? 'Infinity'
          : null;
    if (token !== null) {
      out += text.slice(segmentStart, i) + 'null';
      i += token.length - 1;
      segmentStart = i + 1;
      replaced++;
    }
  }
  return { text: out + text.slice(segmentStart), replaced };
}
