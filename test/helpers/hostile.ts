import fc from 'fast-check';

/** Text people (or attackers) type: any Unicode, mention syntax, Markdown, regex metacharacters, control characters, RTL. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    '@everyone',
    '@here',
    '<@&123456789012345678>',
    '<@123456789012345678>',
    '<@!123456789012345678>',
    '.*+?^${}()|[]\\',
    '**__~~||`',
    '\u202e\u0644\u0627',
    '\u0000\u0007\u001b[31m',
    '😀'.repeat(50),
    'x'.repeat(6000),
  ),
  fc
    .array(
      fc.constantFrom(
        'rate',
        'limit',
        '@everyone',
        '<@&1>',
        '(',
        '*',
        '\u200b',
        'كود',
        'credits',
        '\n',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(' ')),
);
