// A lint rule that keeps relative imports pointing down a table of layers (the table itself is in
// eslint.config.js). no-restricted-imports matches import strings, and a relative string says
// nothing about where it lands ('../analysis/x' from shared/network/ and '../../analysis/x' from
// shared/network/layout/ are the same file), so this rule resolves each one against the importing
// file and compares folders instead. Bare package names stay with no-restricted-imports.
import path from 'node:path';

/** The longest area that contains `file` (repo-relative, '/'-separated), or null when none does. */
function areaOf(file, areas) {
  let best = null;
  for (const area of areas) {
    if ((file === area || file.startsWith(`${area}/`)) && (best === null || area.length > best.length)) best = area;
  }
  return best;
}

/** Whether `file` is `entry` or lies under it (an entry is a folder or a file without its extension). */
function isUnder(file, entry) {
  return file === entry || file.startsWith(`${entry}/`) || file.replace(/\.[^./]+$/, '') === entry;
}

/** The module string of an import-like node, when it is a plain string literal. */
function specifierOf(node) {
  // `typeof import('x')` keeps its string in `source` since typescript-eslint 8.x (`argument` before).
  const literal = node.type === 'TSImportEqualsDeclaration' ? node.moduleReference?.expression : (node.source ?? node.argument?.literal);
  return literal?.type === 'Literal' && typeof literal.value === 'string' ? literal.value : null;
}

export const importLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Relative imports may only reach the areas that the layer table allows.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      outside: "{{from}}/ may not import {{target}} ({{area}}): it imports only {{allowed}} besides itself (layer table in eslint.config.js).",
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const areas = Object.keys(layers);
    const relative = (absolute) => path.relative(root, absolute).split(path.sep).join('/');
    const file = relative(context.filename);
    const from = areaOf(file, areas);
    if (from === null) return {};
    const allowed = layers[from];

    function check(node) {
      const specifier = specifierOf(node);
      if (specifier === null || !specifier.startsWith('.')) return;
      const target = relative(path.resolve(path.dirname(context.filename), specifier));
      const area = areaOf(target, areas);
      if (area === from || allowed.some((entry) => isUnder(target, entry))) return;
      context.report({
        node,
        messageId: 'outside',
        data: { from, target, area: area ?? 'outside every layer', allowed: allowed.length > 0 ? allowed.join(', ') : 'nothing' },
      });
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      TSImportType: check,
      TSImportEqualsDeclaration: check,
    };
  },
};

/** The local plugin, named `chorus` in eslint.config.js. */
export default { rules: { 'import-layers': importLayers } };
