// Data flows one way: source files → validated documents → index → cards → sources → ranking → the bot →
// its commands → the tools around it. Each layer may import the layers before it, never one
// after it; `npm run lint` fails on an import that runs up.
const LAYERS = [
  // Discord's platform (limits, the custom_id codec, literal text, errors) and the process's basics.
  [
    'base',
    '^src/(discord/|types/|config\\.ts|env\\.ts|logger\\.ts|one-at-a-time\\.ts|process-guards\\.ts|loopback\\.ts|files\\.ts)',
  ],
  // What the bot keeps: SQLite, the cooldown and per-member budgets.
  ['state', '^src/(store|limits)/'],
  ['faq', '^src/faq/'],
  ['search', '^src/search/'],
  ['cards', '^src/cards/'],
  ['sources', '^src/sources/'],
  // One ranking of what members write across the sources, with the mappings and teachings.
  ['ranking', '^src/ranking/'],
  // A member's fal request read and checked against the model catalog.
  ['check', '^src/check/'],
  ['pins', '^src/pins/'],
  ['bot', '^src/bot/'],
  ['commands', '^commands/'],
  // The tools around the bot: importers, the CLI, the emulator, the harness that starts a bot against it.
  ['importer', '^src/importer/'],
  ['cli', '^src/cli/'],
  ['emulator', '^src/emulator/'],
  ['harness', '^src/harness/'],
  ['sandbox', '^src/sandbox/'],
  ['web', '^src/web/'],
  ['entry', '^src/(main|deploy-commands)\\.ts$'],
];

const upward = LAYERS.flatMap(([name, path], i) => {
  const above = LAYERS.slice(i + 1).map(([, p]) => `(${p})`);
  return above.length === 0
    ? []
    : [
        {
          name: `${name}-imports-up`,
          comment: `${name} may only import the layers before it (.dependency-cruiser.cjs lists them in order)`,
          severity: 'error',
          from: { path },
          to: { path: above.join('|') },
        },
      ];
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'emulator-is-discord',
      comment:
        'the emulator is a Discord-compatible server: it knows nothing of the bot but Discord itself',
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: '^(src|commands)/', pathNot: ['^src/emulator/', LAYERS[0][1]] },
    },
    {
      name: 'product-imports-tests',
      comment: 'the bot never loads test or bench code',
      severity: 'error',
      from: { path: '^(src|commands)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      comment: 'modules that import each other are one module in two files',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/web/client/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js'],
    },
  },
};
