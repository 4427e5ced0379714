/** The column names of a CSV/TSV's first line (comma, semicolon or tab; quotes and a BOM removed). */
export function headerNames(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(/[,;\t]/)
    .map((name) => name.trim().replace(/^"|"$/g, ''));
}
